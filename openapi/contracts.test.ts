import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentNames, generatedPath } from './documents.js';
import { generate } from './gen.js';
import { describeProblem, lintDocument, lintFile } from './lint.js';

const names = documentNames();

describe('OpenAPI contracts', () => {
  it('has the three documents: oauth, users-api, desktop-ipc', () => {
    expect(names).toEqual(expect.arrayContaining(['oauth', 'users-api', 'desktop-ipc']));
  });

  it('the linter refuses an invalid document (so a clean result means something)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-lint-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'openapi: 3.1.0\ninfo: {title: broken}\npaths:\n  /x:\n    get:\n      responses:\n        "200": {description: ok, content: {application/json: {schema: {type: nonsense}}}}\n',
    );
    const problems = await lintFile(broken);
    expect(problems.some((p) => p.ruleId === 'struct' && p.severity === 'error')).toBe(true);
  });

  for (const name of names) {
    it(`${name}.yaml lints clean under openapi/redocly.yaml`, async () => {
      const problems = await lintDocument(name);
      expect(problems.map(describeProblem)).toEqual([]);
    });

    it(`generated/${name}.ts matches a fresh generation (run \`npm run gen\`)`, async () => {
      const committed = readFileSync(generatedPath(name), 'utf8');
      expect(committed === (await generate(name)), `openapi/generated/${name}.ts is stale`).toBe(true);
    });
  }
});
