/**
 * `authprobe serve --client-report FILE` as a client project's CI runs it: a child process, a
 * client that sends a client_secret from a public client (CL-10), SIGTERM, then FILE as JSON and
 * beside it JUnit and HTML, and one line naming the file and the failure count. Exit code 0.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ClientReport } from '../../mocks/index.js';
import { clientReportPaths } from './serve.js';

const bin = fileURLToPath(new URL('../authprobe.js', import.meta.url));

function serve(args: string[]) {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--consent', 'auto', ...args]);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const issuer = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return { child, issuer, exited, stderr: () => stderr };
}

describe('authprobe serve --client-report', () => {
  it('CL-10: writes JSON, JUnit and HTML on SIGTERM, with the public client_secret as a failure; exit code stays 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-client-report-'));
    const file = join(dir, 'client.json');
    const s = serve(['--desktop-socket', join(dir, 'd.sock'), '--client-report', file]);
    const issuer = await s.issuer;
    const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
    const q = new URLSearchParams({ response_type: 'code', client_id: 'demo-public', redirect_uri: 'http://127.0.0.1:8765/callback', state: 'Zx8mQ2rT7vLp4nWb9kYc', code_challenge: challenge, code_challenge_method: 'S256' });
    const code = new URL((await fetch(`${issuer}/oauth/authorize?${q}`, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    const token = await fetch(`${issuer}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, client_id: 'demo-public', client_secret: 'baked-in', code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', redirect_uri: 'http://127.0.0.1:8765/callback' }),
    });
    expect(token.status).toBe(401);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);

    const [json, xml, html] = clientReportPaths(file);
    expect([xml, html]).toEqual([join(dir, 'client.xml'), join(dir, 'client.html')]);
    for (const f of [json, xml, html]) expect(existsSync(f), f).toBe(true);
    const report = JSON.parse(readFileSync(json, 'utf8')) as ClientReport;
    const cl10 = report.clients.find((c) => c.clientId === 'demo-public')!.verdicts.find((v) => v.id === 'CL-10')!;
    expect(cl10).toMatchObject({ status: 'fail', observations: 1 });
    expect(JSON.stringify(report)).not.toContain('baked-in');
    const junit = readFileSync(xml, 'utf8');
    expect(junit).toMatch(/<testsuites name="authprobe client conformance" tests="20" failures="1"/);
    expect(junit).toMatch(/<testcase classname="authprobe\.client\.demo-public" name="CL-10" time="0">\n.*\n\s*<failure message="CL-10: client_secret/);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<section data-client="demo-public">');
    expect(page).toMatch(/<tr data-id="CL-10" data-status="fail">/);
    expect(s.stderr()).toContain(`client report: ${file} (1 client requirement failure(s)); also ${xml}, ${html}`);
  }, 60_000);

  it('CL-1..CL-20: a path that cannot be written fails at start with exit 2', async () => {
    const s = serve(['--desktop-socket', join(mkdtempSync(join(tmpdir(), 'authprobe-cr-')), 'd.sock'), '--client-report', '/nonexistent-dir/x/client.json']);
    s.issuer.catch(() => undefined);
    expect(await s.exited).toBe(2);
    expect(s.stderr()).toMatch(/cannot write the client report: .*ENOENT/);
  }, 60_000);
});
