/**
 * Text the target controls (bodies, headers, metadata values, error details), made safe to
 * print on a terminal: escape sequences, C0/C1 controls, DEL, bidirectional overrides and line
 * separators become visible escapes (`\x1b`, `\u202e`), so that an answer can neither drive the
 * terminal (clear it, set its title, write the clipboard) nor reorder or fake the lines around it.
 */

// C0 (but \n, handled below), DEL, C1 — 0x9b alone is a CSI on some terminals.
// Bidi: LRM/RLM, ALM, embeddings/overrides, isolates. Line/paragraph separators break lines.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\t') return '\\t';
  if (ch === '\r') return '\\r';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * One line, safe to print: every unsafe character (newlines too) shown as its escape.
 * For values inside a line: a URL, a header, a body excerpt.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape).replace(/\n/g, '\\n');
}

/**
 * Several lines, safe to print: unsafe characters escaped, and every line after the first
 * indented by `indent`, so that no line the target wrote can pass for one the harness wrote
 * (a fake "PASS" row, a fake verdict).
 */
export function printableLines(text: string, indent: string): string {
  return text.replace(UNSAFE, escape).replace(/\n/g, `\n${indent}`);
}
