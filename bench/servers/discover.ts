/** The token endpoint a server advertises (RFC 8414 / OIDC Discovery), so no path is guessed. */
export async function discoverTokenEndpoint(issuer: string): Promise<string> {
  for (const path of ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration']) {
    const res = await fetch(new URL(path, issuer), { signal: AbortSignal.timeout(5000) });
    if (!res.ok) continue;
    const meta = (await res.json()) as { token_endpoint?: unknown };
    if (typeof meta.token_endpoint === 'string') return meta.token_endpoint;
  }
  throw new Error(`${issuer} advertises no token_endpoint in its metadata`);
}
