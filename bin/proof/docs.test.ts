/**
 * The README and docs/ work when pasted: every relative link and every repository path they
 * name exists, and every code block either runs in a test (`<!-- runs: TEST-FILE -->` before it,
 * naming a test that reads this page) or says it is an excerpt (`<!-- excerpt ... -->`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

interface Block {
  page: string;
  line: number;
  marker: string | undefined;
  text: string;
}

function blocks(page: string): Block[] {
  const lines = readFileSync(join(root, page), 'utf8').split('\n');
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```/.test(lines[i] as string)) continue;
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j] as string)) j++;
    let k = i - 1;
    while (k >= 0 && (lines[k] as string).trim() === '') k--;
    const marker = k >= 0 && /^<!--.*-->$/.test((lines[k] as string).trim()) ? (lines[k] as string).trim() : undefined;
    out.push({ page, line: i + 1, marker, text: lines.slice(i + 1, j).join('\n') });
    i = j;
  }
  return out;
}

describe('README.md and docs/', () => {
  it('every relative link points at a file that exists', () => {
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = (m[1] as string).split('#')[0] as string;
        if (!target || /^[a-z]+:/.test(target)) continue;
        if (!existsSync(join(root, dirname(page), target))) missing.push(`${page}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every repository path named in backticks exists', () => {
    const missing: string[] = [];
    for (const page of pages) {
      const text = readFileSync(join(root, page), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const m of text.matchAll(/`((?:bin|suites|mocks|fixtures|specs|openapi|bench|docs|examples|stryker)\/[\w./-]+)`/g)) {
        const path = (m[1] as string).replace(/[.:]$/, '');
        if (path.includes('*') || path.includes('<')) continue;
        if (!existsSync(join(root, path))) missing.push(`${page}: ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every code block runs in a test that reads its page, or is marked as an excerpt', () => {
    const unmarked: string[] = [];
    for (const page of pages) {
      for (const b of blocks(page)) {
        const runs = /^<!--\s*runs:\s*(\S+)\s*-->$/.exec(b.marker ?? '')?.[1];
        if (runs) {
          const test = join(root, runs);
          const readsPage = existsSync(test) && readFileSync(test, 'utf8').includes(relative(root, join(root, page)));
          if (!readsPage) unmarked.push(`${page}:${b.line}: <!-- runs: ${runs} --> names a test that does not read ${page}`);
        } else if (!/^<!--\s*excerpt\b/.test(b.marker ?? '')) {
          unmarked.push(`${page}:${b.line}: ${b.text.split('\n')[0]}`);
        }
      }
    }
    expect(unmarked).toEqual([]);
  });
});
