/**
 * The mock's store as it grows (DESIGN.md "Budgets": look-ups stay constant-time up to a
 * million entries). For each size, fills the authorization-code and access-token tables
 * through the store's own API (mocks/core/store.ts), then times, at that size:
 * look-ups of present and absent keys, inserts and deletes, and one purge scan.
 *
 *   npx tsx bench/store.ts [--sizes 1000,100000,1000000] [--lookups 200000] [--json FILE]
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Store } from '../mocks/core/store.js';
import { describeMachine, machine } from './lib/machine.js';

interface SizeResult {
  size: number;
  fillSeconds: number;
  heapMiB: number;
  /** Nanoseconds per operation at this size. */
  codeHitNs: number;
  codeMissNs: number;
  tokenHitNs: number;
  tokenMissNs: number;
  insertUs: number;
  deleteUs: number;
  /** One purge pass over both tables when nothing has expired (the price of the 30 s timer). */
  purgeScanMs: number;
  /** A purge that drops every entry of both tables, slice by slice (the slices' sum). */
  purgeAllMs: number;
  /** The longest of those slices: how long the event loop is held at once. */
  purgeSliceMaxMs: number;
}

const FAR = Number.MAX_SAFE_INTEGER;

/** Keys as the mock makes them (32 random bytes, base64url), from one buffer to keep filling fast. */
function keys(n: number): string[] {
  const buf = randomBytes(32 * n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = buf.subarray(i * 32, i * 32 + 32).toString('base64url');
  return out;
}

function insertCode(store: Store, code: string, expiresAt: number): void {
  store.codes.insert({
    code, clientId: 'demo-confidential', redirectUri: 'https://confidential.example.com/callback', redirectUriSent: true,
    scope: 'openid api', sub: 'user-demo-1', nonce: null, challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    challengeMethod: 'S256', issuedAt: 0, expiresAt, used: false, familyId: null,
  });
}

function insertToken(store: Store, id: string, expiresAt: number): void {
  store.accessTokens.insert({
    id, clientId: 'demo-confidential', sub: 'demo-confidential', scope: 'openid api', familyId: null,
    issuedAt: 0, expiresAt, revoked: false,
  });
}

let sink = 0;

/** ns per look-up over `probe`, in a shuffled order so no cache line is reused on purpose. */
function timeLookups(get: (k: string) => unknown, probe: string[]): number {
  for (let i = 0; i < Math.min(probe.length, 10_000); i++) if (get(probe[i] as string)) sink++; // warm-up
  const t = process.hrtime.bigint();
  for (let i = 0; i < probe.length; i++) if (get(probe[i] as string)) sink++;
  return Number(process.hrtime.bigint() - t) / probe.length;
}

function sample(from: string[], n: number): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = from[Math.floor(Math.random() * from.length)] as string;
  return out;
}

function measureSize(size: number, lookups: number): SizeResult {
  const store = new Store();
  const codeKeys = keys(size);
  const tokenKeys = keys(size);
  const fill = process.hrtime.bigint();
  for (let i = 0; i < size; i++) {
    insertCode(store, codeKeys[i] as string, FAR);
    insertToken(store, tokenKeys[i] as string, FAR);
  }
  const fillSeconds = Number(process.hrtime.bigint() - fill) / 1e9;
  (globalThis as { gc?: () => void }).gc?.();
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;

  const absent = keys(lookups);
  const codeHitNs = timeLookups((k) => store.codes.get(k), sample(codeKeys, lookups));
  const codeMissNs = timeLookups((k) => store.codes.get(k), absent);
  const tokenHitNs = timeLookups((k) => store.accessTokens.get(k), sample(tokenKeys, lookups));
  const tokenMissNs = timeLookups((k) => store.accessTokens.get(k), absent);

  // Inserts and deletes at this size (the store returns to `size` afterwards).
  const extra = keys(10_000);
  let t = process.hrtime.bigint();
  for (const k of extra) insertToken(store, k, FAR);
  const insertUs = Number(process.hrtime.bigint() - t) / 1e3 / extra.length;
  t = process.hrtime.bigint();
  for (const k of extra) store.accessTokens.delete(k);
  const deleteUs = Number(process.hrtime.bigint() - t) / 1e3 / extra.length;

  t = process.hrtime.bigint();
  sink += store.purgeExpired(0);
  const purgeScanMs = Number(process.hrtime.bigint() - t) / 1e6;
  // Everything expired, purged as the server does: one slice per tick. The longest slice is how
  // long the event loop is held at once (budget: 50 ms); the sum is the work.
  let purgeSliceMaxMs = 0;
  let purgeAllMs = 0;
  for (;;) {
    t = process.hrtime.bigint();
    const slice = store.purgeSlice(FAR);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    sink += slice.purged;
    purgeAllMs += ms;
    purgeSliceMaxMs = Math.max(purgeSliceMaxMs, ms);
    if (slice.done) break;
  }
  if (store.codes.size !== 0 || store.accessTokens.size !== 0) throw new Error('purgeSlice left expired entries behind');

  return { size, fillSeconds, heapMiB, codeHitNs, codeMissNs, tokenHitNs, tokenMissNs, insertUs, deleteUs, purgeScanMs, purgeAllMs, purgeSliceMaxMs };
}

const f = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

function table(results: SizeResult[]): string {
  const lines = [
    '| entries per table | heap MiB | code get hit / miss ns | token get hit / miss ns | insert µs | delete µs | purge scan ms | purge all ms | longest purge slice ms |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${f(r.size)} | ${f(r.heapMiB)} | ${f(r.codeHitNs)} / ${f(r.codeMissNs)} | ${f(r.tokenHitNs)} / ${f(r.tokenMissNs)} | ${f(r.insertUs, 1)} | ${f(r.deleteUs, 1)} | ${f(r.purgeScanMs, 1)} | ${f(r.purgeAllMs, 1)} | ${f(r.purgeSliceMaxMs, 1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  let values: { sizes?: string; lookups?: string; json?: string };
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { sizes: { type: 'string' }, lookups: { type: 'string' }, json: { type: 'string' } } }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nusage: tsx bench/store.ts [--sizes N,N,...] [--lookups N] [--json FILE]\n`);
    return 2;
  }
  const sizes = (values.sizes ?? '1000,100000,1000000').split(',').map(Number);
  const lookups = Number(values.lookups ?? 200_000);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(lookups) || lookups <= 0) {
    process.stderr.write('--sizes and --lookups take positive whole numbers, e.g. --sizes 1000,100000 --lookups 200000\n');
    return 2;
  }
  const m = machine();
  const results: SizeResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`${f(size)} entries per table ... `);
    const r = measureSize(size, lookups);
    process.stderr.write(`filled in ${r.fillSeconds.toFixed(1)} s\n`);
    results.push(r);
  }
  process.stdout.write(
    `Store (mocks/core/store.ts): authorization codes and access tokens, ${f(lookups)} random look-ups per figure.\nMachine: ${describeMachine(m)}\n\n${table(results)}\n`,
  );
  if (sink === -1) process.stdout.write('\n'); // keeps the timed loops observable
  if (values.json) await writeFile(values.json, `${JSON.stringify({ machine: m, lookups, results }, null, 2)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
