/** The servers bench/token-endpoint.ts compares, in the order it runs them. */
export interface ServerSpec {
  key: string;
  label: string;
  script: string;
  args?: string[];
}

export const SERVERS: readonly ServerSpec[] = [
  { key: 'bare', label: 'bare node:http (floor)', script: 'bench/servers/bare.ts' },
  { key: 'bare-es256', label: 'bare node:http + ES256 (signed floor)', script: 'bench/servers/bare-es256.ts' },
  { key: 'mock-opaque', label: 'authprobe mock, opaque', script: 'bench/servers/mock.ts', args: ['--format', 'opaque'] },
  { key: 'mock-jwt', label: 'authprobe mock, ES256 JWT', script: 'bench/servers/mock.ts', args: ['--format', 'jwt'] },
  { key: 'oidc-provider-opaque', label: 'oidc-provider, opaque', script: 'bench/servers/oidc-provider.ts' },
  { key: 'oidc-provider-jwt', label: 'oidc-provider, ES256 JWT', script: 'bench/servers/oidc-provider-jwt.ts' },
  { key: 'oauth2-mock-server', label: 'oauth2-mock-server (RS256 JWT)', script: 'bench/servers/oauth2-mock-server.ts' },
];
