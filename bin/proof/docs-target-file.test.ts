/**
 * docs/target-file.md's example target file loads as written: JSONC (comments, trailing commas)
 * parsed, every field valid against the schema, env:NAME secrets resolved. A syntax error names
 * its line and column.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTarget } from '../../suites/target/load.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/target-file.md', import.meta.url)), 'utf8');
const example = /```jsonc\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
const SECRETS = ['SVC_SECRET', 'USERS_SECRET', 'OLD_SECRET', 'REGISTRATION_TOKEN'];

describe('docs/target-file.md', () => {
  afterEach(() => {
    for (const name of SECRETS) delete process.env[name];
  });

  it('the example loads as written, comments and all', () => {
    expect(example).toMatch(/\/\/ /);
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-doc-target-'));
    for (const module of ['login.mjs', 'clock.mjs', 'prompts.mjs']) writeFileSync(join(dir, module), 'export {};\n');
    writeFileSync(join(dir, 'target.json'), example);
    for (const name of SECRETS) process.env[name] = `${name.toLowerCase()}-value`;
    const spec = loadTarget(join(dir, 'target.json'));
    expect(spec.issuer).toBe('https://as.example.com');
    expect(spec.clients?.confidential?.client_secret).toBe('svc_secret-value');
  });

  it('DSK: the desktop-only example loads as written, with no issuer', () => {
    const desktopOnly = /## A desktop-only target[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
    expect(desktopOnly).toMatch(/"profiles": \["desktop"\]/);
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-doc-target-'));
    writeFileSync(join(dir, 'prompts.mjs'), 'export {};\n');
    writeFileSync(join(dir, 'target.json'), desktopOnly);
    const spec = loadTarget(join(dir, 'target.json'));
    expect(spec.issuer).toBeUndefined();
    expect(spec.desktop).toMatchObject({ protocol: 'envelope', scope: 'terminal', account: 'acme.example.com' });
  });

  it('a JSONC syntax error names its line and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-doc-target-'));
    writeFileSync(join(dir, 'broken.json'), '{\n  // a comment is fine\n  "issuer": "https://as.example.com",,\n}\n');
    expect(() => loadTarget(join(dir, 'broken.json'))).toThrow(/at line 3, column \d+/);
  });
});
