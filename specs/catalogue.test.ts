import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allRequirements as requirements, AREAS, clientRequirements, isProductRule, PRODUCT_DOCUMENTS, PROFILES, requirements as serverRequirements, requirementById, requirementsFor } from './index.js';

const shared = new URL('../../shared/REQUIREMENTS.md', import.meta.url);

/**
 * IDs added by later issues, on top of the first catalogue (IDs are never renumbered):
 * DG-7 carries the method-exclusivity half of the first DG-6, at SHOULD (RFC 6749 §2.3.1
 * lets a server accept both secret methods); DG-6 keeps its security core. DG-8: an empty
 * client_secret= from a public client is treated as omitted (RFC 6749 §3.2).
 * Issue 15 (the public-client threat model): GRACE, REV, INT, RACE, AZ and META.
 * Issue 14 (client conformance): CL, the client's side, judged by the mock.
 * RED-8: RFC 8252 §7.3's other half (any loopback port is granted under native-loopback); RED-1
 * judged only that nothing else varies.
 * REG-7..REG-10: which redirect URIs registration must refuse besides REG-2/REG-3 (not URIs,
 * RFC 8252 §8.4's period rule, script schemes), and the registration API's contract.
 * CC-7: client_credentials naming a scope no server defines (RFC 6749 §3.3, §5.2), at SHOULD.
 * REV-5, INT-4: the token parameter is required (RFC 7009 §2.1, RFC 7662 §2.1), and an invalid
 * token introspects as active false, not as an error (RFC 7662 §2.3); INT-5: an active
 * introspection answer is not cached (RFC 6749 §5.1).
 * TOK-8: every successful token response carries access_token and token_type Bearer
 * (RFC 6749 §5.1, §7.1; RFC 6750 §4); ROT-1 judged token_type on refresh only.
 */
const ADDED_SINCE = [
  'DG-7 SHOULD', 'DG-8 MUST',
  'RED-8 MUST',
  'REG-7 MUST', 'REG-8 SHOULD', 'REG-9 MUST', 'REG-10 MUST',
  'CC-7 SHOULD',
  'TOK-8 MUST',
  'GRACE-1 MUST', 'GRACE-2 MUST',
  'REV-1 MUST', 'REV-2 MUST', 'REV-3 MUST', 'REV-4 MUST', 'REV-5 MUST',
  'INT-1 MUST', 'INT-2 MUST', 'INT-3 MUST', 'INT-4 MUST', 'INT-5 SHOULD',
  'RACE-1 MUST', 'RACE-2 SHOULD', 'RACE-3 MUST',
  'AZ-1 MUST', 'AZ-2 MUST', 'AZ-3 MUST', 'AZ-4 MUST', 'AZ-5 MUST',
  'META-1 MUST', 'META-2 MUST', 'META-3 MUST',
  'CL-1 MUST', 'CL-2 MUST', 'CL-3 MUST', 'CL-4 MUST', 'CL-5 SHOULD', 'CL-6 SHOULD', 'CL-7 MUST', 'CL-8 MUST', 'CL-9 MUST', 'CL-10 MUST',
  'CL-11 MUST', 'CL-12 MUST', 'CL-13 MUST', 'CL-14 MUST', 'CL-15 MUST', 'CL-16 SHOULD', 'CL-17 SHOULD', 'CL-18 SHOULD', 'CL-19 SHOULD', 'CL-20 MUST',
];

describe('requirement catalogue', () => {
  it('has unique, well-formed IDs whose prefix is their area', () => {
    const ids = requirements.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of requirements) {
      expect(r.id).toMatch(/^[A-Z]+-[1-9][0-9]*$/);
      expect(AREAS).toContain(r.area);
      expect(r.id.startsWith(`${r.area}-`)).toBe(true);
    }
  });

  it('names only profiles that exist, and every requirement has at least one', () => {
    for (const r of requirements) {
      expect(r.profiles.length, r.id).toBeGreaterThan(0);
      for (const p of r.profiles) expect(PROFILES, `${r.id} names ${p}`).toContain(p);
    }
  });

  it('says whose rule every requirement is: RFC, BCP (RFC 9700), or a product document its source names', () => {
    for (const r of requirements) {
      expect(['RFC', 'BCP', ...PRODUCT_DOCUMENTS], r.id).toContain(r.rule);
      if (r.rule === 'BCP') expect(r.source, r.id).toMatch(/RFC 9700/);
      if (r.rule === 'RFC') expect(r.source, r.id).toMatch(/RFC \d+/);
      if (isProductRule(r.rule)) expect(r.source, r.id).toContain(r.rule);
    }
    expect(requirements.filter((r) => isProductRule(r.rule)).length).toBeGreaterThan(10);
  });

  it('has a source, a level and one line of text for every requirement', () => {
    for (const r of requirements) {
      expect(['MUST', 'SHOULD']).toContain(r.level);
      expect(r.source.length, r.id).toBeGreaterThan(3);
      expect(r.text, r.id).not.toMatch(/\n/);
    }
  });

  it('lists exactly the IDs and levels of REQUIREMENTS.md, when the shared document is beside the checkout', () => {
    let text: string;
    try {
      text = readFileSync(shared, 'utf8');
    } catch {
      // A packed copy of the project has no shared/ beside it; the checks above still hold.
      return;
    }
    const documented = [...text.matchAll(/^- ([A-Z]+-\d+) (MUST|SHOULD)/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(documented.length).toBeGreaterThan(60);
    expect(requirements.map((r) => `${r.id} ${r.level}`).sort()).toEqual([...documented, ...ADDED_SINCE].sort());
  });

  it('CL-1..CL-20: client rows are their own subject, left out of the server requirements a suite runs', () => {
    expect(clientRequirements.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `CL-${i + 1}`));
    expect(clientRequirements.every((r) => r.area === 'CL' && r.subject === 'client')).toBe(true);
    expect(serverRequirements.some((r) => r.area === 'CL')).toBe(false);
    expect(serverRequirements.every((r) => r.subject === 'server')).toBe(true);
    expect(requirementsFor([], 'CL')).toHaveLength(20);
    expect(requirementsFor([]).some((r) => r.area === 'CL')).toBe(false);
    expect(requirementById('CL-10')?.subject).toBe('client');
  });

  it('filters by profile and area', () => {
    expect(requirementsFor(['desktop']).every((r) => r.area === 'DSK')).toBe(true);
    expect(requirementsFor(['users-api'], 'CC').map((r) => r.id)).toContain('CC-4');
    expect(requirementsFor(['confidential'], 'CC').map((r) => r.id)).not.toContain('CC-4');
    expect(requirementById('PKCE-2')?.level).toBe('MUST');
    expect(requirementById('NOPE-1')).toBeUndefined();
  });
});
