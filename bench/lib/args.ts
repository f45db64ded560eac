/** Command-line numbers of the bench scripts. */

/** `--name VALUE` as a positive number, `fallback` when absent; a usage error names the option. */
export function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`);
  return n;
}
