/**
 * Under CI: each test file's time, hooks included (a suite run in `beforeAll` is most of some
 * files' time, and vitest's per-file figure leaves hooks out), slowest first, in
 * `.ci/file-timings.txt` — what to look at when the run grows past its budget.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export default class FileTimings implements Reporter {
  private rows: Array<{ file: string; ms: number }> = [];

  onTestModuleEnd(module: TestModule): void {
    const d = module.diagnostic();
    this.rows.push({ file: module.relativeModuleId, ms: d.duration + d.collectDuration + d.setupDuration + d.prepareDuration });
  }

  onTestRunEnd(): void {
    const rows = this.rows.sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((s, r) => s + r.ms, 0);
    const lines = rows.map((r) => `${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.file}`);
    writeFileSync('.ci/file-timings.txt', `${(total / 1000).toFixed(0)} s over ${rows.length} files (summed over workers)\n${lines.join('\n')}\n`);
  }
}
