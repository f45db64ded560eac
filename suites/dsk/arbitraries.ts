/** Arbitraries of the DSK suite: init_client configurations, client ids, method names. */
import fc from 'fast-check';

/** An integration as an SDK names itself in `init_client`. */
export interface IntegrationShape {
  integrationName: string;
  integrationVersion: string;
  extra: Record<string, string>;
}

export const integrationName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ._-]{0,24}[A-Za-z0-9]$/);

export const integrationVersion = fc.oneof(
  fc.tuple(fc.nat(20), fc.nat(40), fc.nat(99)).map(([a, b, c]) => `v${a}.${b}.${c}`),
  fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,15}$/),
);

/** The optional fields the SDKs send (DESKTOP.md). */
const extraFields = fc.record(
  {
    programmingLanguage: fc.constantFrom('JS', 'Go', 'Python', 'Rust', 'Java'),
    sdkVersion: fc.tuple(fc.nat(3), fc.nat(20)).map(([a, b]) => `${a}.${b}.0`),
    requestLibraryName: fc.constantFrom('undici', 'reqwest', 'net/http'),
    os: fc.constantFrom('linux', 'darwin', 'windows'),
    architecture: fc.constantFrom('x64', 'arm64'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<Record<string, string>>;

export const integration: fc.Arbitrary<IntegrationShape> = fc.record({ integrationName, integrationVersion, extra: extraFields });

/** For properties where the integration is not what varies (and shrinking it would only cost time). */
export const fixedIntegration = (name: string): IntegrationShape => ({ integrationName: `authprobe ${name}`, integrationVersion: '1.0.0', extra: { programmingLanguage: 'JS' } });

/** How the account is named in `init_client`. */
export type AccountBy = 'name' | 'uuid';
export const accountBy: fc.Arbitrary<AccountBy> = fc.constantFrom('name', 'uuid');

/** Client ids nobody was given: the mock's base64url shape and the real channel's numbers. */
export const fabricatedClientId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{16,43}$/), fc.nat().map(String));

/** Methods that any account can serve. */
export const readMethod = fc.constantFrom('VaultsList', 'VaultsGet', 'ItemsList');
