/**
 * Authorization server metadata discovery (RFC 8414 §3; OpenID Connect Discovery §4), and the
 * first contact with the target: a target that cannot be reached, or that does not answer as
 * an authorization server, ends the run with a message naming what failed. Metadata is not
 * trusted blindly: its issuer must be the configured one, and the endpoints the suites send the
 * client's credentials to must be on the issuer's origin unless the target file allows another.
 */
import { type HttpClient, type HttpResponse, TransportError } from '../http/client.js';
import { TargetConfigError, TargetUnreachableError } from './errors.js';
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

/** The issuer of a target with OAuth profiles (validation requires it unless the target is desktop-only). */
export function issuerOf(spec: TargetSpec): string {
  if (!spec.issuer) throw new TargetConfigError(spec.source, [{ path: '$.issuer', problem: 'is missing', fix: 'Add "issuer": every profile but desktop needs it.' }]);
  return spec.issuer;
}

export async function discover(spec: TargetSpec, http: HttpClient): Promise<Discovery> {
  const tried: string[] = [];
  for (const url of wellKnownUrls(issuerOf(spec))) {
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
      // "If these values are not identical, the data contained in the response MUST NOT be used."
      if (m.issuer !== spec.issuer) {
        throw new TargetUnreachableError(
          'untrusted-metadata',
          url,
          `metadata names issuer ${JSON.stringify(m.issuer)}, the target file says ${JSON.stringify(spec.issuer)} (RFC 8414 §3.3 requires them identical); fix "issuer"`,
        );
      }
      refuseForeignEndpoints(spec, m, url);
      return { metadata: m, metadataUrl: url };
    }
    tried.push(`${url} answered ${res.status}${whyNotMetadata(res)}`);
  }
  if (spec.endpoints?.token_endpoint) return { metadata: {}, metadataUrl: '' };
  throw new TargetUnreachableError(
    'not-an-authorization-server',
    issuerOf(spec),
    `no authorization server metadata: ${tried.join('; ')}. Check "issuer", or give "endpoints" explicitly`,
  );
}

function whyNotMetadata(res: HttpResponse): string {
  const location = res.headers.location;
  // Redirects are never followed: the metadata must be where RFC 8414 §3.1 puts it.
  if (res.status >= 300 && res.status < 400) return location === undefined ? ' (a redirect without Location)' : ` redirecting to ${location} (redirects are not followed)`;
  if (res.truncated) return ` (${res.headers['content-type'] ?? 'no content-type'}, answer cut at the ${res.exchange.cutAt ?? 'size'} cap, not read as JSON)`;
  if (res.json === undefined) return ` (${res.headers['content-type'] ?? 'no content-type'}, not JSON)`;
  return ' without "issuer"';
}

const STANDARD = [
  'authorization_endpoint',
  'token_endpoint',
  'revocation_endpoint',
  'introspection_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
] as const;

/**
 * RFC 8414 §3.3 / RFC 9700 §4.4 (mix-up, "malicious endpoint"): metadata that points an endpoint
 * at another origin would have the suites send the client's secret, codes and tokens there.
 * Only endpoints the target file names itself, or origins it lists in `endpoint_origins`, are
 * trusted off the issuer's origin.
 */
export function refuseForeignEndpoints(spec: TargetSpec, metadata: Record<string, unknown>, metadataUrl: string): void {
  const issuerOrigin = new URL(issuerOf(spec)).origin;
  const allowed = new Set([issuerOrigin, ...(spec.endpoint_origins ?? []).map((o) => new URL(o).origin)]);
  const foreign: Array<{ name: string; value: string; origin: string }> = [];
  for (const name of STANDARD) {
    const value = metadata[name];
    if (spec.endpoints?.[name] !== undefined || typeof value !== 'string') continue;
    const origin = URL.canParse(value) ? new URL(value).origin : 'null';
    if (!allowed.has(origin)) foreign.push({ name, value, origin });
  }
  if (!foreign.length) return;
  const origins = [...new Set(foreign.map((f) => f.origin))];
  const allow = origins.every((o) => o !== 'null') ? `If ${origins.length > 1 ? 'they belong' : 'it belongs'} to the target, add ${origins.map((o) => JSON.stringify(o)).join(', ')} to "endpoint_origins" in the target file` : 'Fix the metadata';
  throw new TargetUnreachableError(
    'untrusted-metadata',
    metadataUrl,
    `metadata points ${foreign.map((f) => `${f.name} at ${JSON.stringify(f.value)}`).join(', ')}, off the issuer's origin ${issuerOrigin}; ` +
      `the harness sends client credentials, codes and tokens only to the issuer's origin (RFC 8414 §3.3, RFC 9700 §4.4). ` +
      `${allow}, or give the endpoint in "endpoints"`,
  );
}

export function resolveEndpoints(spec: TargetSpec, metadata: Record<string, unknown>): Endpoints {
  const out: Endpoints = {};
  for (const name of STANDARD) {
    const v = spec.endpoints?.[name] ?? metadata[name];
    if (typeof v === 'string' && URL.canParse(v)) out[name] = v;
  }
  const base = issuerOf(spec).replace(/\/+$/, '');
  // The product's registration API and users-API token endpoint are not standard metadata.
  out.registration_endpoint = spec.registration?.endpoint ?? spec.endpoints?.registration_endpoint ?? `${base}/api/v1/applications`;
  out.users_token_endpoint = spec.clients?.usersApi?.token_endpoint ?? `${base}/v1beta1/users/oauth2/token`;
  return out;
}
