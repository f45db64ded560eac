/**
 * The second floor, for signed tokens: a bare node:http server that reads the form body,
 * checks grant_type and answers an ES256 JWT access token (RFC 9068 claims, `typ: at+jwt`)
 * signed with node:crypto. No client authentication, no storage — what Node itself costs for
 * one signed token over loopback. The ES256 signature is a cost no server can avoid, so the
 * mock's JWT path is measured against this floor as well as the unsigned one (bare.ts).
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMain, runChild, type BenchServer } from './child.js';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' };
const BAD_GRANT = JSON.stringify({ error: 'unsupported_grant_type' });
const LIFETIME = 3600;

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export async function startBareEs256(): Promise<BenchServer> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' }));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials') {
        res.writeHead(400, HEADERS).end(BAD_GRANT);
        return;
      }
      const iat = Math.floor(Date.now() / 1000);
      const issuer = `http://127.0.0.1:${port}`;
      const claims = { client_id: 'bare', scope: 'api', iss: issuer, aud: issuer, sub: 'bare', jti: randomBytes(16).toString('base64url'), iat, exp: iat + LIFETIME };
      const input = `${header}.${b64url(JSON.stringify(claims))}`;
      // RFC 7518 §3.4: the signature is R || S (IEEE P1363), not DER.
      const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      const body = JSON.stringify({ access_token: `${input}.${signature}`, token_type: 'Bearer', expires_in: LIFETIME });
      res.writeHead(200, HEADERS).end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    tokenUrl: `http://127.0.0.1:${port}/oauth/token`,
    // Never checked; sent so that every server gets the same request.
    clientId: 'bare',
    clientSecret: randomBytes(32).toString('base64url'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

if (isMain(import.meta.url)) await runChild('bare node:http + ES256', startBareEs256);
