/**
 * The second floor, for signed tokens: a bare node:http server that reads the form body,
 * checks grant_type and answers an ES256 JWT access token (RFC 9068 claims, `typ: at+jwt`)
 * signed with node:crypto. No client authentication, no storage — what Node itself costs for
 * one signed token over loopback. The ES256 signature is a cost no server can avoid, so the
 * mock's JWT path is measured against this floor as well as the unsigned one (bare.ts).
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { LIFETIME, startBareTokenServer } from './bare.js';
import { isMain, runChild, type BenchServer } from './child.js';

const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

export function startBareEs256(): Promise<BenchServer> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'at+jwt', kid: 'bench' }));
  return startBareTokenServer((issuer) => {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { client_id: 'bare', scope: 'api', iss: issuer, aud: issuer, sub: 'bare', jti: randomBytes(16).toString('base64url'), iat, exp: iat + LIFETIME };
    const input = `${header}.${b64url(JSON.stringify(claims))}`;
    // RFC 7518 §3.4: the signature is R || S (IEEE P1363), not DER.
    const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
    return `${input}.${signature}`;
  });
}

if (isMain(import.meta.url)) await runChild('bare node:http + ES256', startBareEs256);
