/**
 * Counterexamples as a person reads them: JSON without `undefined` members, command sequences
 * as the list of commands that ran, no fast-check replay comments (the replay token carries
 * those), and long strings kept whole (a 4 KB state is the evidence).
 */

function isCommands(value: object): value is { toString(): string; metadataForReplay: () => string } {
  return typeof (value as { metadataForReplay?: unknown }).metadataForReplay === 'function';
}

function plain(value: unknown, seen: WeakSet<object>): unknown {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (isCommands(value)) {
    const ran = String(value).replace(/\s*\/\*.*\*\/\s*$/s, '');
    return ran ? ran.split(',') : [];
  }
  if (value instanceof URL) return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v, seen)]));
  if (value instanceof Set || Array.isArray(value)) return [...value].map((v) => plain(v, seen) ?? null);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const p = plain(v, seen);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

export function readableCounterexample(value: unknown): string {
  const p = plain(value, new WeakSet());
  return p === undefined ? '(none)' : JSON.stringify(p);
}
