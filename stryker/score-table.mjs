#!/usr/bin/env node
/**
 * The mutation score per file as a markdown table (for README / docs/mutation.md), from every
 * Stryker JSON report under reports/mutation/ (a full `npm run mutate` writes
 * reports/mutation/mutation.json; stryker/mutate-batches.sh writes one per batch). When two
 * reports hold the same file, the newer one counts.
 *   node stryker/score-table.mjs                 # the table
 *   node stryker/score-table.mjs --survivors     # and every survivor / no-coverage mutant, file:line
 *   node stryker/score-table.mjs --merge FILE    # also write the merged report (e.g. stryker/incremental.json)
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = 'reports/mutation';
const args = process.argv.slice(2);
const reports = [];
const walk = (dir) => {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === 'mutation.json') reports.push({ path: p, mtime: statSync(p).mtimeMs });
  }
};
walk(ROOT);
if (reports.length === 0) {
  console.error(`no Stryker JSON report under ${ROOT}/: run npm run mutate first`);
  process.exit(2);
}
reports.sort((a, b) => a.mtime - b.mtime);
const files = {};
const testFiles = {};
let base;
for (const r of reports) {
  const json = JSON.parse(readFileSync(r.path, 'utf8'));
  base ??= json;
  Object.assign(files, json.files);
  for (const [name, tf] of Object.entries(json.testFiles ?? {})) {
    const tests = new Map((testFiles[name]?.tests ?? []).map((t) => [t.id, t]));
    for (const t of tf.tests) tests.set(t.id, t);
    testFiles[name] = { ...tf, tests: [...tests.values()] };
  }
}

// Reviewed equivalents (stryker/equivalent-mutants.md): lines of the form
//   | `mocks/core/pkce.ts:55:20 ConditionalExpression` | reason |
// count as "equivalent (reviewed)" instead of survived / no coverage. Line-based: after the mock
// is edited, re-check them (a stale entry simply stops matching and the survivor shows again).
// Rows under the heading "## Not judged" are a second kind: mutants that change behaviour, but
// behaviour no requirement states (a mock feature no product document or RFC asks of an app).
// They get their own column, so the score never hides them among the equivalents.
const reviewed = new Set();
const notJudged = new Set();
const EQUIVALENTS = 'stryker/equivalent-mutants.md';
if (existsSync(EQUIVALENTS)) {
  let into = reviewed;
  for (const line of readFileSync(EQUIVALENTS, 'utf8').split('\n')) {
    if (line.startsWith('## ')) into = line.startsWith('## Not judged') ? notJudged : reviewed;
    const m = /^\|\s*`([^`:]+):(\d+):(\d+) (\w+)`\s*\|/.exec(line);
    if (m) into.add(`${m[1]}:${m[2]}:${m[3]} ${m[4]}`);
  }
}
const keyOf = (file, m) => `${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}`;
const open = (m) => m.status === 'Survived' || m.status === 'NoCoverage';
const isReviewed = (file, m) => open(m) && (reviewed.has(keyOf(file, m)) || notJudged.has(keyOf(file, m)));
const kindOf = (file, m) => (!open(m) ? undefined : reviewed.has(keyOf(file, m)) ? 'equivalent' : notJudged.has(keyOf(file, m)) ? 'notJudged' : undefined);

const rows = [];
const total = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, notJudged: 0, ignored: 0, errors: 0 };
for (const [name, f] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, notJudged: 0, ignored: 0, errors: 0 };
  for (const m of f.mutants) {
    const key = kindOf(name, m) ?? { Killed: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored' }[m.status] ?? 'errors';
    c[key]++;
    total[key]++;
  }
  rows.push([name, c]);
}
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? 'n/a' : `${((100 * (c.killed + c.timeout)) / valid).toFixed(1)}%`;
};
// The second score counts the not-judged mutants as survivors: how much of everything that
// changes behaviour the suites notice, requirements or not.
const scoreAll = (c) => score({ ...c, survived: c.survived + c.notJudged });
console.log('| File | Score | Score, not judged counted | Killed | Timeout | Survived | No coverage | Equivalent (reviewed) | Not judged (reviewed) | Ignored (by rule) | Errors |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const [name, c] of [...rows, ['**all**', total]])
  console.log(`| ${name} | ${score(c)} | ${scoreAll(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.equivalent} | ${c.notJudged} | ${c.ignored} | ${c.errors} |`);
console.log('\nScore = (killed + timeout) / (killed + timeout + survived + no coverage). Equivalent (reviewed) and not judged (reviewed: behaviour no requirement states): listed in stryker/equivalent-mutants.md; ignored (by rule): stryker/ignore-equivalent.mjs; all three are outside the score. "Score, not judged counted" counts the not-judged mutants as survivors.');

if (args.includes('--survivors')) {
  console.log('');
  for (const [name, f] of Object.entries(files)) {
    const lines = f.source.split('\n');
    const testNames = new Map(Object.values(testFiles).flatMap((tf) => tf.tests.map((t) => [t.id, t.name.replace(/^.*? mock /, '').replace(/ passes$/, '')])));
    for (const m of f.mutants.filter((x) => (x.status === 'Survived' || x.status === 'NoCoverage') && !isReviewed(name, x)).sort((a, b) => a.location.start.line - b.location.start.line)) {
      const l = m.location.start;
      console.log(`${m.status === 'Survived' ? 'SURVIVED' : 'NO-COV  '} ${name}:${l.line}:${l.column} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '')} (covered by ${(m.coveredBy ?? []).length}: ${(m.coveredBy ?? []).slice(0, 8).map((id) => testNames.get(id) ?? id).join(' ')})`);
      console.log(`    ${lines[l.line - 1]?.trim()}`);
    }
  }
}
const mergeAt = args.indexOf('--merge');
if (mergeAt >= 0 && args[mergeAt + 1]) {
  writeFileSync(args[mergeAt + 1], `${JSON.stringify({ ...base, files, testFiles }, null, 2)}\n`);
  console.error(`merged ${reports.length} report(s) into ${args[mergeAt + 1]}`);
}
