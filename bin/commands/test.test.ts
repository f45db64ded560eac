/**
 * `authprobe test` exit codes, end to end: a separately spawned `authprobe serve`, a target
 * file, and the CLI as users run it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../../mocks/index.js';
import { targetForMock } from '../mock-target.js';

const CLI = new URL('../authprobe.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'authprobe-cli-'));

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `authprobe serve` in its own process; resolves with the issuer it prints first. */
function serve(args: string[]): Promise<{ issuer: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--consent', 'auto', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const first = out.split('\n')[0];
      if (out.includes('\n') && first) resolve({ issuer: first.trim(), child });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

function targetFile(name: string, issuer: string): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(targetForMock({ issuer, desktopSocket: null, config: demoConfig }), null, 2));
  return path;
}

describe('authprobe test (CLI)', () => {
  let good: { issuer: string; child: ChildProcess };
  let defective: { issuer: string; child: ChildProcess };
  beforeAll(async () => {
    [good, defective] = await Promise.all([serve([]), serve(['--defect', 'pkce-plain-accepted'])]);
  }, 30_000);
  afterAll(() => {
    good?.child.kill('SIGTERM');
    defective?.child.kill('SIGTERM');
  });

  it('exit 0: every applicable MUST passes against `authprobe serve`, with JSON, JUnit and HTML written', async () => {
    const config = targetFile('good.json', good.issuer);
    const json = join(dir, 'out', 'r.json');
    const r = await cli(['test', '--config', config, '--runs', '3', '--seed', '1', '--json', json, '--junit', join(dir, 'out', 'r.xml'), '--html', join(dir, 'out', 'r.html')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PKCE-2\s+MUST\s+public-clients\s+PASS/m);
    expect(r.stdout).toMatch(/Every applicable MUST requirement that ran passed \(\d+ tested, \d+ skipped\)/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as { exitCode: number; target: { issuer: string } };
    expect(report).toMatchObject({ exitCode: 0, target: { issuer: good.issuer } });
    expect(readFileSync(join(dir, 'out', 'r.xml'), 'utf8')).toContain('<testsuites');
    expect(readFileSync(join(dir, 'out', 'r.html'), 'utf8')).toContain('<!doctype html>');
  }, 60_000);

  it('exit 1 naming PKCE-2 against `authprobe serve --defect pkce-plain-accepted`, and --replay reproduces it alone', async () => {
    const config = targetFile('defective.json', defective.issuer);
    const r = await cli(['test', '--config', config, '--only', 'PKCE', '--seed', '3']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^PKCE-2\s+MUST\s+public-clients\s+FAIL/m);
    expect(r.stdout).toContain('MUST requirement(s) failed: PKCE-2.');
    const replay = /--replay '(PKCE-2:\d+:[\d:*]*)'/.exec(r.stdout)?.[1];
    expect(replay).toBeDefined();
    const again = await cli(['test', '--config', config, '--replay', replay as string]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/1 requirements: 0 pass, 1 fail/);
  }, 60_000);

  it('exit 2 with a clear message for an unreachable target (connection refused)', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const config = targetFile('unreachable.json', `http://127.0.0.1:${port}`);
    const r = await cli(['test', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target unreachable: connection refused \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\)/);
  }, 30_000);

  it('exit 2 for an invalid target file and for usage errors', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ issuer: 'http://127.0.0.1:1', profiles: ['public-client'], clients: { publik: {} } }));
    const r = await cli(['test', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('$.clients.publik: unknown field "publik". Remove it or use one of: public, public2, confidential, usersApi, inactive.');
    const runs = await cli(['test', '--runs', 'many']);
    expect(runs.code).toBe(2);
    expect(runs.stderr).toContain('--runs must be an integer');
  }, 30_000);
});
