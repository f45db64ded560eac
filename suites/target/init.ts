/**
 * `authprobe init`: a commented target file (JSONC) for a server, from its metadata. What the
 * metadata tells — endpoints, grants, PKCE methods — chooses the profiles; what only the server's
 * owner knows — the clients, their secrets, how a user logs in — is left to fill in, each with a
 * comment saying what it is for. Secrets are written as `env:NAME`, never inline.
 */
import { HttpClient } from '../http/client.js';
import { discover } from './discover.js';
import { defineTarget } from './load.js';

export interface InitResult {
  text: string;
  profiles: string[];
  metadataUrl: string;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export async function initTarget(issuer: string, opts: { timeoutMs?: number } = {}): Promise<InitResult> {
  const spec = defineTarget({ issuer, profiles: ['public-client'] }, { source: 'authprobe init' });
  const http = new HttpClient({ timeoutMs: opts.timeoutMs ?? 5_000, secrets: [] });
  let found;
  try {
    found = await discover(spec, http);
  } finally {
    await http.close();
  }
  const m = found.metadata;
  const grants = list(m.grant_types_supported);
  const codeFlow = typeof m.authorization_endpoint === 'string';
  const clientCredentials = grants.length === 0 || grants.includes('client_credentials');
  const profiles = [...(codeFlow ? ['public-client'] : []), ...(clientCredentials ? ['confidential'] : [])];
  const seen = (name: string) => (typeof m[name] === 'string' ? `seen: ${m[name] as string}` : 'not advertised');
  const q = (s: string) => JSON.stringify(s);
  const text = `// authprobe target for ${issuer}, written by \`authprobe init\` from ${found.metadataUrl}.
// Fill in the clients (each must be registered at the server), then:
//   npx authprobe test --config <this file>
// Reference: docs/target-file.md. Secrets: "env:NAME" reads the environment variable NAME.
{
  "issuer": ${q(issuer)},
  // Profiles chosen from the metadata: ${codeFlow ? 'an authorization endpoint (public-client)' : 'no authorization endpoint'}; ${clientCredentials ? 'client_credentials (confidential)' : 'no client_credentials'}.
  // Use "native-loopback" instead of "public-client" if loopback redirect ports may vary (RFC 8252 §7.3).
  "profiles": ${JSON.stringify(profiles)},
  // Endpoints come from the metadata (token ${seen('token_endpoint')}; revocation ${seen('revocation_endpoint')};
  // introspection ${seen('introspection_endpoint')}). Override one here with its RFC 8414 name if needed.
  "clients": {${codeFlow ? `
    // A public client (token_endpoint_auth_method none) with PKCE, and the redirect URI registered for it.
    "public": { "client_id": "REPLACE_ME", "redirect_uri": "http://127.0.0.1:8765/callback", "scope": "openid" },
    // A second public client, for the cross-client checks (CODE-3, ROT-4). Optional.
    "public2": { "client_id": "REPLACE_ME_TOO", "redirect_uri": "http://127.0.0.1:8766/callback", "scope": "openid" },` : ''}${clientCredentials ? `
    // A confidential client and how it authenticates (client_secret_basic or client_secret_post).
    // With a redirect_uri it also runs the code flow checks for confidential clients (PKCE-7, DG-6).
    "confidential": { "client_id": "REPLACE_ME", "client_secret": "env:AUTHPROBE_CONFIDENTIAL_SECRET", "auth_method": "client_secret_basic" }` : ''}
  },${codeFlow ? `
  // How the suites pass the authorization step: "redirect" when the server redirects straight back
  // (a test deployment that skips login), else a module that logs in and consents:
  //   { "mode": "module", "module": "./login.mjs" }   (export async function authorize(url, http) { ... })
  "authorize": { "mode": "redirect" },` : ''}
  // Token lifetimes in seconds let expiry checks wait without a clock; long ones are skipped with the reason.
  "ttl": { "code": 60, "access_token": 300 }
}
`;
  return { text, profiles, metadataUrl: found.metadataUrl };
}
