/**
 * The desktop defects cover the DSK area and are checked by name. That each one is caught, over
 * both protocols, with a counterexample and a replay token: bin/proof/dsk-protocols.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { desktopDefects, startMock, UnknownDefectError } from '../../mocks/index.js';

describe('the desktop defects', () => {
  it('DSK-1..DSK-12: every DSK requirement has a defect that breaks it', () => {
    const covered = new Set(desktopDefects.flatMap((d) => d.breaks));
    for (let i = 1; i <= 12; i++) expect(covered.has(`DSK-${i}` as never), `DSK-${i}`).toBe(true);
  });

  it('DSK: an unknown desktop defect name is refused with the valid names', async () => {
    const err = await startMock({ port: 0, defects: ['desktop-nope'], desktop: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownDefectError);
    expect((err as Error).message).toMatch(/desktop-nope.*desktop-no-prompt/);
  });
});
