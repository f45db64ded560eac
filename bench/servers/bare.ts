/**
 * The floor: a bare node:http server that reads the form body, checks grant_type and answers
 * a fresh random token. No client authentication, no storage — what Node itself costs for
 * one token request over loopback. `startBareTokenServer` is the same server with another
 * token (bare-es256.ts signs one).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isMain, runChild, type BenchServer } from './child.js';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', pragma: 'no-cache' };
const BAD_GRANT = JSON.stringify({ error: 'unsupported_grant_type' });
export const LIFETIME = 3600;

/** A bare token endpoint answering `accessToken(issuer)` for every client_credentials POST. */
export async function startBareTokenServer(accessToken: (issuer: string) => string): Promise<BenchServer> {
  let issuer = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      if (req.method !== 'POST' || form.get('grant_type') !== 'client_credentials') {
        res.writeHead(400, HEADERS).end(BAD_GRANT);
        return;
      }
      const body = JSON.stringify({ access_token: accessToken(issuer), token_type: 'Bearer', expires_in: LIFETIME });
      res.writeHead(200, HEADERS).end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  issuer = `http://127.0.0.1:${port}`;
  return {
    tokenUrl: `${issuer}/oauth/token`,
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

export function startBare(): Promise<BenchServer> {
  return startBareTokenServer(() => randomBytes(32).toString('base64url'));
}

if (isMain(import.meta.url)) await runChild('bare node:http', startBare);
