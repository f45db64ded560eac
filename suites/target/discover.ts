/**
 * Authorization server metadata discovery (RFC 8414 §3; OpenID Connect Discovery §4), and the
 * first contact with the target: a target that cannot be reached, or that does not answer as
 * an authorization server, ends the run with a message naming what failed.
 */
import { type HttpClient, TransportError } from '../http/client.js';
import { TargetUnreachableError } from './errors.js';
import type { Endpoints, TargetSpec } from './types.js';

/** RFC 8414 §3.1 inserts the well-known segment before the issuer's path; OIDC appends it. */
export function wellKnownUrls(issuer: string): string[] {
  const u = new URL(issuer);
  const path = u.pathname.replace(/\/+$/, '');
  const base = issuer.replace(/\/+$/, '');
  const urls = [`${u.origin}/.well-known/oauth-authorization-server${path}`, `${base}/.well-known/openid-configuration`];
  return [...new Set(urls)];
}

export interface Discovery {
  metadata: Record<string, unknown>;
  metadataUrl: string;
}

export async function discover(spec: TargetSpec, http: HttpClient): Promise<Discovery> {
  const tried: string[] = [];
  for (const url of wellKnownUrls(spec.issuer)) {
    let res;
    try {
      res = await http.send({ url, headers: { accept: 'application/json' } });
    } catch (err) {
      if (err instanceof TransportError) throw new TargetUnreachableError(err.kind, url, err.message);
      throw err;
    }
    const m = res.json as Record<string, unknown> | undefined;
    if (res.status === 200 && m && typeof m === 'object' && !Array.isArray(m) && typeof m.issuer === 'string') {
      // RFC 8414 §3.3: the metadata's issuer must be identical to the issuer it was fetched for.
      if (m.issuer !== spec.issuer) {
        throw new TargetUnreachableError(
          'not-an-authorization-server',
          url,
          `metadata names issuer ${JSON.stringify(m.issuer)}, the target file says ${JSON.stringify(spec.issuer)} (RFC 8414 §3.3 requires them identical); fix "issuer"`,
        );
      }
      return { metadata: m, metadataUrl: url };
    }
    tried.push(`${url} answered ${res.status}${res.json === undefined ? ` (${res.headers['content-type'] ?? 'no content-type'}, not JSON)` : ' without "issuer"'}`);
  }
  if (spec.endpoints?.token_endpoint) return { metadata: {}, metadataUrl: '' };
  throw new TargetUnreachableError(
    'not-an-authorization-server',
    spec.issuer,
    `no authorization server metadata: ${tried.join('; ')}. Check "issuer", or give "endpoints" explicitly`,
  );
}

const STANDARD = [
  'authorization_endpoint',
  'token_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
] as const;

export function resolveEndpoints(spec: TargetSpec, metadata: Record<string, unknown>): Endpoints {
  const out: Endpoints = {};
  for (const name of STANDARD) {
    const v = spec.endpoints?.[name] ?? metadata[name];
    if (typeof v === 'string' && URL.canParse(v)) out[name] = v;
  }
  const base = spec.issuer.replace(/\/+$/, '');
  // The product's registration API and users-API token endpoint are not standard metadata.
  out.registration_endpoint = spec.registration?.endpoint ?? spec.endpoints?.registration_endpoint ?? `${base}/api/v1/applications`;
  out.users_token_endpoint = spec.clients?.usersApi?.token_endpoint ?? `${base}/v1beta1/users/oauth2/token`;
  return out;
}
