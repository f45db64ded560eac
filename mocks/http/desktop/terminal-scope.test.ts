/**
 * CLI-style scoping over the real socket, with real processes: under `policy.scope: "terminal"`
 * processes of one session (same /proc/<pid>/stat session id, tty and leader start time) share
 * a grant; a process in another session (`setsid`) is prompted. Linux only (peer lookup).
 */
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initBody, startHarness, type DesktopHarness } from '../../testing/desktop-harness.js';

let h: DesktopHarness;
beforeEach(async () => { h = await startHarness({ policy: { scope: 'terminal', prompt_timeout_seconds: 20 } }); });
afterEach(async () => { await h.close(); });

/** One init_client from a child process (optionally in a new session); prints `{status, body}` or `{error}`. */
function initFromChild(socketPath: string, newSession: boolean, timeoutMs: number): Promise<{ status?: number; body?: any; error?: string }> {
  const script = `
    const http = require('node:http');
    const [socketPath, body, timeoutMs] = process.argv.slice(1);
    const req = http.request({ socketPath, method: 'POST', path: '/v1/clients', headers: { 'content-type': 'application/json' } }, (res) => {
      let t = ''; res.on('data', (d) => t += d);
      res.on('end', () => { process.stdout.write(JSON.stringify({ status: res.statusCode, body: t ? JSON.parse(t) : null })); });
    });
    req.setTimeout(Number(timeoutMs), () => { process.stdout.write(JSON.stringify({ error: 'no answer' })); process.exit(0); });
    req.on('error', (e) => { process.stdout.write(JSON.stringify({ error: e.code || e.message })); });
    req.end(body);`;
  const args = [process.execPath, '-e', script, socketPath, JSON.stringify(initBody()), String(timeoutMs)];
  const [cmd, ...rest] = newSession ? ['setsid', '--wait', ...args] : args;
  return new Promise((resolve) => {
    execFile(cmd!, rest, { timeout: timeoutMs + 10_000 }, (err, stdout) => {
      try { resolve(JSON.parse(stdout)); } catch { resolve({ error: String(err ?? stdout) }); }
    });
  });
}

describe.skipIf(process.platform !== 'linux')('terminal scoping (policy.scope "terminal")', () => {
  it('a process of the same session gets a client without a prompt; a process of another session is prompted', async () => {
    await h.approvedClient();
    const sibling = await initFromChild(h.socketPath, false, 8000);
    expect(sibling).toMatchObject({ status: 201, body: { clientId: expect.any(String) } });
    expect((await h.control('GET', '/prompts')).body.prompts).toHaveLength(0);

    const stranger = initFromChild(h.socketPath, true, 8000);
    const [prompt] = await h.waitForPrompts(1);
    expect(prompt.process.pid).not.toBe(process.pid);
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    expect(await stranger).toMatchObject({ status: 403, body: { name: 'AuthorizationDenied' } });
  });

  it('under process scoping the same sibling is prompted', async () => {
    await h.control('PUT', '/policy', { scope: 'process' });
    await h.approvedClient();
    const sibling = initFromChild(h.socketPath, false, 8000);
    const [prompt] = await h.waitForPrompts(1);
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    expect(await sibling).toMatchObject({ status: 403 });
  });
});
