/** `--only`: client rows (CL) are the mock's to judge, never run against a server. */
import { describe, expect, it } from 'vitest';
import { selectRequirements, SelectionError } from './select.js';

describe('selectRequirements', () => {
  it('CL-1: --only CL (or a CL ID) is refused with a pointer to serve --client-report', () => {
    expect(() => selectRequirements(['CL'])).toThrow(SelectionError);
    expect(() => selectRequirements(['CL-3'])).toThrow(/authprobe serve --client-report/);
  });

  it('CL-1: a run of every area, or of server areas beside CL, holds no client row', () => {
    expect(selectRequirements().some((r) => r.area === 'CL')).toBe(false);
    const mixed = selectRequirements(['PKCE,CL']);
    expect(mixed.length).toBeGreaterThan(0);
    expect(mixed.every((r) => r.area === 'PKCE')).toBe(true);
  });
});
