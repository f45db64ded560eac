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

export const AREAS = ['REG', 'RED', 'PKCE', 'CODE', 'DG', 'TOK', 'CC', 'ROT', 'EXP', 'DSK'] as const;
export type Area = (typeof AREAS)[number];

export type Level = 'MUST' | 'SHOULD';

/** `PKCE-5`, `DSK-10`: the area, a dash, a positive number. Stable once released. */
export type RequirementId = `${Area}-${number}`;

export interface Requirement {
  readonly id: RequirementId;
  readonly area: Area;
  readonly level: Level;
  /** A requirement applies to a target that claims at least one of these. */
  readonly profiles: readonly Profile[];
  /** The clause or product document it comes from, e.g. `RFC 7636 §4.6`. */
  readonly source: string;
  /** One line: what a conformant implementation does. */
  readonly text: string;
}

/** What a profile means, for `authprobe requirements` and the reports. */
export interface ProfileInfo {
  readonly name: Profile;
  readonly summary: string;
}
