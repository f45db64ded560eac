/** conformance(): the suites registered as vitest tests, here against a mock started for them. */
import { afterAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';
import { conformance } from '../../suites/index.js';
import { SelectionError, selectRequirements, parseReplay } from '../../suites/runner/select.js';

let mock: RunningMock | undefined;
afterAll(() => mock?.close());

conformance(
  async () => {
    mock = await startMock({ port: 0, consent: 'auto', desktop: false });
    return targetForMock(mock);
  },
  { only: ['PKCE', 'CC-1', 'ROT-6'], runs: 3, seed: 11 },
);

describe('selection (--only, --replay)', () => {
  it('PKCE-2: --only takes IDs and areas, case-insensitively', () => {
    expect(selectRequirements(['pkce-2,CC']).map((r) => r.id)).toEqual(['PKCE-2', 'CC-1', 'CC-2', 'CC-3', 'CC-4', 'CC-5', 'CC-6', 'CC-7']);
    expect(() => selectRequirements(['NOPE-1'])).toThrow(SelectionError);
  });

  it('PKCE-5: --replay parses ID:SEED:PATH', () => {
    expect(parseReplay('PKCE-5:1234:0:1:0')).toEqual({ id: 'PKCE-5', seed: 1234, path: '0:1:0' });
    expect(() => parseReplay('PKCE-5')).toThrow(/ID:SEED:PATH/);
  });
});
