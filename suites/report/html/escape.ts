/**
 * Every string of a report can carry the target's bytes (issuer, messages, counterexamples,
 * exchanges). These are the only ways such a string enters the page.
 */

/** Text and attribute values (attributes are always double-quoted). */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become \u escapes, so
 * no `</script>` or `<!--` can end or bend the block; U+2028/2029 are escaped for older parsers.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
