/** A plain-text table for the terminal: columns padded to their widest cell, the last one wrapped. */
export function formatTable(header: string[], rows: string[][], lastWidth = 72): string {
  const widths = header.map((h, i) =>
    i === header.length - 1 ? 0 : Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  );
  const line = (cells: string[]) => {
    const last = cells[cells.length - 1] ?? '';
    const head = cells.slice(0, -1).map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
    const indent = head.length > 0 ? head.length + 2 : 0;
    return wrap(last, lastWidth)
      .map((part, i) => (i === 0 ? (head ? `${head}  ${part}` : part) : `${' '.repeat(indent)}${part}`))
      .join('\n');
  };
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && current.length + word.length + 1 > width) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out;
}
