/** The console's progress lines: the counter a terminal shows, and none when output is piped. */
import { describe, expect, it } from 'vitest';
import type { RequirementResult } from '../runner/types.js';
import { consoleProgress } from './console.js';

const row = (id: string, status: RequirementResult['status']): RequirementResult =>
  ({ id, area: 'PKCE', level: 'MUST', rule: 'RFC', text: '', source: '', status, runs: 3, durationMs: 5, ...(status === 'fail' ? { message: 'boom' } : {}) }) as RequirementResult;

function progress(counter: boolean): string {
  let text = '';
  const on = consoleProgress({ write: (t) => (text += t), counter });
  on({ type: 'start', issuer: 'http://127.0.0.1:1', profiles: ['public-client'], seed: 1, total: 12 });
  on({ type: 'area', area: 'PKCE' });
  for (const [i, status] of (['pass', 'fail', 'skip'] as const).entries()) on({ type: 'result', result: row(`PKCE-${i + 1}`, status) });
  return text;
}

describe('console progress', () => {
  it('PKCE-1..PKCE-3: on a terminal each row says how far the run is', () => {
    const text = progress(true);
    expect(text).toMatch(/^\s+1\/12 PASS PKCE-1 /m);
    expect(text).toMatch(/^\s+3\/12 SKIP PKCE-3 /m);
  });

  it('PKCE-1: piped output has no counter', () => {
    expect(progress(false)).toMatch(/^ {2}PASS PKCE-1 /m);
  });
});
