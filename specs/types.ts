/** The shapes of the requirement catalogue. Data only: nothing here imports the rest of authprobe. */

export const PROFILES = [
  'public-client',
  'native-loopback',
  'confidential',
  'users-api',
  'registration',
  'desktop',
] as const;
export type Profile = (typeof PROFILES)[number];

export const AREAS = ['REG', 'RED', 'PKCE', 'CODE', 'DG', 'TOK', 'CC', 'ROT', 'GRACE', 'EXP', 'REV', 'INT', 'RACE', 'AZ', 'META', 'DSK', 'CL'] as const;
export type Area = (typeof AREAS)[number];

/**
 * Who a requirement judges. `server` rows are properties the suites run against a target;
 * `client` rows (area CL) are judged by the mock from a client's traffic
 * (mocks/core/client-conformance/), so a server run neither runs nor lists them.
 */
export type Subject = 'server' | 'client';
export const CLIENT_AREAS: readonly Area[] = ['CL'];
export const subjectOf = (area: Area): Subject => (CLIENT_AREAS.includes(area) ? 'client' : 'server');

export type Level = 'MUST' | 'SHOULD';

/**
 * Whose rule a requirement enforces: an RFC's MUST (or SHOULD, at that level), the security
 * BCP (RFC 9700), or one of the product documents this catalogue started from. A third-party
 * server judged with `--rules rfc` is held to RFC and BCP rows only, so it is never told it
 * broke an RFC where it broke a product's policy.
 */
export const PRODUCT_DOCUMENTS = ['public-clients', 'users-api-token', 'sdk-desktop-auth', 'cli-app-integration'] as const;
export type ProductDocument = (typeof PRODUCT_DOCUMENTS)[number];
export type Rule = 'RFC' | 'BCP' | ProductDocument;

/** `all`: every rule of the catalogue; `rfc`: RFC and BCP rules only. */
export const RULE_MODES = ['all', 'rfc'] as const;
export type RulesMode = (typeof RULE_MODES)[number];

export function isProductRule(rule: Rule): rule is ProductDocument {
  return rule !== 'RFC' && rule !== 'BCP';
}

/** `PKCE-5`, `DSK-10`: the area, a dash, a positive number. Stable once released. */
export type IdOf<A extends Area> = `${A}-${number}`;

/** One literal per requirement, as written out in the area modules (`'PKCE-5'`). */
export type { RequirementId } from './catalogue.js';
import type { RequirementId } from './catalogue.js';

export interface RequirementOf<Id extends string> {
  readonly id: Id;
  readonly area: Area;
  readonly level: Level;
  /** A requirement applies to a target that claims at least one of these. */
  readonly profiles: readonly Profile[];
  /** The clause or product document it comes from, e.g. `RFC 7636 §4.6`. */
  readonly source: string;
  /** Whose rule it is (see `Rule`). */
  readonly rule: Rule;
  /** One line: what a conformant implementation does. */
  readonly text: string;
  /** Who is judged: a server by the suites, or a client by the mock (see `Subject`). */
  readonly subject: Subject;
}

export type Requirement = RequirementOf<RequirementId>;

/** What a profile means, for `authprobe requirements` and the reports. */
export interface ProfileInfo {
  readonly name: Profile;
  readonly summary: string;
}
