/**
 * Every place the mock asks whether a defect is on names, beside it, the requirement IDs that
 * defect breaks: a reader of the core sees which rule each branch exists to break.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allDefects } from '../index.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('defects.ts') ? [path] : [];
  });
}

describe('defect branches', () => {
  it('every defects.on(NAME) line cites the IDs NAME breaks', () => {
    const breaks = new Map(allDefects.map((d) => [d.name, d.breaks]));
    const uncited: string[] = [];
    let seen = 0;
    for (const file of sources(root)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(/\.on\('([a-z0-9-]+)'\)/g)) {
          const ids = breaks.get(m[1] as string);
          if (!ids) continue;
          seen++;
          const near = `${lines[i - 1] ?? ''}\n${line}`;
          for (const id of ids) if (!new RegExp(`\\b${id}\\b`).test(near)) uncited.push(`${relative(root, file)}:${i + 1} ${m[1]} (breaks ${ids.join(', ')})`);
        }
      });
    }
    expect(seen).toBeGreaterThanOrEqual(allDefects.length);
    expect(uncited).toEqual([]);
  });
});
