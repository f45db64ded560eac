/**
 * Negative controls: a server answering every request with 200 `{}` and one answering every
 * request with 400 `invalid_request` must never pass. Each run completes in bounded time with
 * clear FAIL rows and no PASS row at all: a requirement that asks for a refusal fails too,
 * because the same target refuses the valid counterpart (its positive control). Without
 * endpoint overrides, metadata discovery stops the run with a clear exit-2 error.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { requirements, type RequirementId } from '../../specs/index.js';
import { runSuites } from '../runner/run.js';
import { TargetUnreachableError } from '../target/errors.js';
import { defineTarget } from '../target/load.js';
import type { TargetFile } from '../target/types.js';
import { runNegativeControl } from './conformance-run.js';
import { startNegativeControl, type NegativeControlKind } from './negative.js';
import { writeTargetFile } from './target-file.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'authprobe-negative-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Requirements that only ask for a refusal (no redirect off the server, no code for a bad
 * request, an OAuth error for a bad token request): a server that refuses everything would
 * meet them by itself, so each fails here on its positive control.
 */
const REFUSAL_ONLY: readonly RequirementId[] = ['RED-1', 'RED-2', 'RED-3', 'PKCE-1', 'PKCE-2', 'PKCE-3', 'DG-4', 'DG-5', 'DG-6', 'TOK-2'];

/** Rows that need a working server; each must FAIL on both controls. */
const NEEDS_A_SERVER: readonly RequirementId[] = ['RED-6', 'PKCE-8', 'CODE-1', 'DG-3', 'TOK-1', 'TOK-5', 'CC-1', 'CC-3', 'CC-6', 'ROT-1', 'ROT-2', 'EXP-1'];

const BOUND_MS = 60_000;
const SEED = 6;

describe.each(['ok-empty', 'bad-request'] as const)('negative control %s', (kind: NegativeControlKind) => {
  it(`TOK-7: the run completes within ${BOUND_MS / 1000} s, exits 1, and passes no row at all`, async () => {
    const run = await runNegativeControl(kind, { seed: SEED });
    expect(run.durationMs).toBeLessThan(BOUND_MS);
    const report = run.reports[0]!;
    expect(report.exitCode).toBe(1);
    expect(run.results.map((r) => r.id)).toEqual(requirements.map((r) => r.id));

    const passed = run.results.filter((r) => r.status === 'pass').map((r) => r.id);
    expect(passed, `${kind} passed rows`).toEqual([]);
    for (const id of NEEDS_A_SERVER) expect([id, run.results.find((r) => r.id === id)!.status]).toEqual([id, 'fail']);
    // A refusal-only row fails because the valid request is refused too, and says so with the exchange.
    for (const id of REFUSAL_ONLY) {
      const row = run.results.find((r) => r.id === id)!;
      expect([id, row.status]).toEqual([id, 'fail']);
      expect(row.message, id).toMatch(/^the target refuses the valid request too \(.+\), so its refusal of .+ shows nothing: .+/);
      expect(row.exchanges?.length, id).toBeGreaterThan(0);
    }
    // Clear rows: every FAIL says what was expected and shows what came back.
    for (const r of run.results.filter((x) => x.status === 'fail' || x.status === 'warn')) {
      expect(r.message?.length, r.id).toBeGreaterThan(20);
      expect(r.message, r.id).not.toMatch(/TypeError|ReferenceError|Cannot read prop|setting up the property failed|did not finish/);
    }
    for (const r of run.results.filter((x) => x.status === 'skip')) expect(r.message, r.id).toBeTruthy();
    expect(report.summary.fail).toBeGreaterThanOrEqual(45);
  }, BOUND_MS + 30_000);

  it('TOK-7: without endpoint overrides, discovery fails at once with a clear error, not a crash or a hang', async () => {
    const running = await startNegativeControl(kind);
    try {
      const { endpoints: _dropped, ...bare } = running.target;
      const t0 = Date.now();
      const err = await runSuites(defineTarget(bare as unknown as TargetFile, { source: kind })).catch((e: unknown) => e);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(err).toBeInstanceOf(TargetUnreachableError);
      expect((err as Error).message).toMatch(/not an authorization server .*without "issuer".*give "endpoints" explicitly/);

      // The command line says the same and exits 2.
      const file = join(dir, `${kind}.json`);
      await writeTargetFile(file, bare);
      // Asynchronously: the control answers from this process.
      const cli = await new Promise<{ status: number | null; stderr: string }>((done) => {
        execFile(process.execPath, [join(root, 'bin/authprobe.js'), 'test', '--config', file], { cwd: root, encoding: 'utf8', timeout: 30_000 }, (error, _stdout, stderr) =>
          done({ status: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
        );
      });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(/authprobe test: target unreachable: not an authorization server/);
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await running.close();
    }
  }, 45_000);
});
