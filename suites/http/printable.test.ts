import { describe, expect, it } from 'vitest';
import { printable, printableLines } from './printable.js';

describe('printable: target text made safe for a terminal (issue 12, item 7)', () => {
  it('shows escape sequences, C0/C1 controls, DEL and bidi controls as escapes', () => {
    expect(printable('\x1b]0;title\x07\x1b[2J\x9b31m\x7f\u202eabc\u2066\u2028\ttab\r\n')).toBe('\\x1b]0;title\\x07\\x1b[2J\\x9b31m\\x7f\\u202eabc\\u2066\\u2028\\ttab\\r\\n');
  });

  it('leaves readable text alone, non-ASCII included', () => {
    const text = 'HTTP 400 {"error":"invalid_grant"} — café, 日本語, emoji 🔐';
    expect(printable(text)).toBe(text);
  });

  it('keeps line breaks in multi-line messages but indents them, so no line passes for the report\'s own', () => {
    expect(printableLines('first\nPASS FAKE-1\n\x1b[1A', '    ')).toBe('first\n    PASS FAKE-1\n    \\x1b[1A');
  });
});
