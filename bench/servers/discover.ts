/** Endpoints a server advertises (RFC 8414 / OIDC Discovery), so no path is guessed. */
export async function discoverEndpoint(issuer: string, name: 'token_endpoint' | 'authorization_endpoint'): Promise<string> {
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    const res = await fetch(new URL(path, issuer), { signal: AbortSignal.timeout(5000) });
    if (!res.ok) continue;
    const meta = (await res.json()) as Record<string, unknown>;
    if (typeof meta[name] === 'string') return meta[name];
  }
  throw new Error(`${issuer} advertises no ${name} in its metadata`);
}

export const discoverTokenEndpoint = (issuer: string): Promise<string> => discoverEndpoint(issuer, 'token_endpoint');
