/** The one defect registry: unique names, checked once, and no import circle between its halves. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allDefects, defectSet, UnknownDefectError } from './defects.js';
import { desktopDefects, UnknownDesktopDefectError } from './desktop/defects.js';

describe('defect registry', () => {
  it('every name is unique across the authorization server and the desktop channel', () => {
    const names = allDefects.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(desktopDefects.map((d) => d.name)));
  });

  it('one set serves both halves; an unknown name is refused with the valid ones listed', () => {
    const set = defectSet(['pkce-any-verifier', 'desktop-no-prompt']);
    expect([set.on('pkce-any-verifier'), set.on('desktop-no-prompt'), set.on('desktop-no-hard-limit')]).toEqual([true, true, false]);
    const err = (() => { try { defectSet(['desktop-nope']); } catch (e) { return e; } return null; })();
    expect(err).toBeInstanceOf(UnknownDefectError);
    expect(err).toBeInstanceOf(UnknownDesktopDefectError);
    expect((err as Error).message).toMatch(/'desktop-nope'.*pkce-any-verifier.*desktop-no-prompt/);
  });

  it('the desktop list builds on the leaf module only, so the registry has no import circle', () => {
    const source = readFileSync(new URL('./desktop/defects.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['../defect.js']));
  });
});
