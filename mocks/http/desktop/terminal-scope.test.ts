/**
 * CLI-style scoping over the real socket, with real processes: under `policy.scope: "terminal"`
 * processes of one session (same /proc/<pid>/stat session id, tty and leader start time) share
 * a grant; a process in another session (`setsid`) is prompted. Linux only (peer lookup).
 *
 * The test makes its sessions itself (`setsid`): its own session may be invisible to the mock.
 * In a container whose init is outside the PID namespace, /proc/<pid>/stat says session 0 for
 * every process, and the mock then falls back to per-process grants (the safe side).
 */
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initBody, startHarness, type DesktopHarness } from '../../testing/desktop-harness.js';

let h: DesktopHarness;
beforeEach(async () => { h = await startHarness({ policy: { scope: 'terminal', prompt_timeout_seconds: 20 } }); });
afterEach(async () => { await h.close(); });

const CHILD = `
  const http = require('node:http');
  const [socketPath, body, timeoutMs] = process.argv.slice(1);
  const req = http.request({ socketPath, method: 'POST', path: '/v1/clients', headers: { 'content-type': 'application/json' } }, (res) => {
    let t = ''; res.on('data', (d) => t += d);
    res.on('end', () => { process.stdout.write(JSON.stringify({ status: res.statusCode, body: t ? JSON.parse(t) : null }) + '\\n'); });
  });
  req.setTimeout(Number(timeoutMs), () => { process.stdout.write(JSON.stringify({ error: 'no answer' }) + '\\n'); process.exit(0); });
  req.on('error', (e) => { process.stdout.write(JSON.stringify({ error: e.code || e.message }) + '\\n'); });
  req.end(body);`;

type ChildAnswer = { status?: number; body?: any; error?: string };

/**
 * init_client from `count` processes run one after the other by a shell: in this process's
 * session, or (`newSession`) in one new session of their own, whose leader is that shell.
 */
function initFromChildren(socketPath: string, count: number, newSession: boolean, timeoutMs: number): Promise<ChildAnswer[]> {
  const one = '"$0" -e "$1" "$2" "$3" "$4"';
  const args = ['-c', Array(count).fill(one).join('; '), process.execPath, CHILD, socketPath, JSON.stringify(initBody()), String(timeoutMs)];
  const [cmd, ...rest] = newSession ? ['setsid', '--wait', 'sh', ...args] : ['sh', ...args];
  return new Promise((resolve) => {
    execFile(cmd!, rest, { timeout: count * timeoutMs + 10_000 }, (err, stdout) => {
      const lines = stdout.trim().split('\n');
      resolve(Array.from({ length: count }, (_, i) => {
        try { return JSON.parse(lines[i]!) as ChildAnswer; } catch { return { error: String(err ?? stdout) }; }
      }));
    });
  });
}

describe.skipIf(process.platform !== 'linux')('terminal scoping (policy.scope "terminal")', () => {
  it('DSK-4: a second process of an approved process\'s terminal session gets a client without a prompt; a process of another session is prompted', async () => {
    const session = initFromChildren(h.socketPath, 2, true, 8000);
    const [prompt] = await h.waitForPrompts(1);
    await h.control('POST', `/prompts/${prompt.id}/approve`);
    const [leader, sibling] = await session;
    expect(leader).toMatchObject({ status: 201, body: { clientId: expect.any(String) } });
    expect(sibling).toMatchObject({ status: 201, body: { clientId: expect.any(String) } });
    expect((await h.control('GET', '/prompts')).body.prompts).toHaveLength(0);

    const [stranger] = await Promise.all([
      initFromChildren(h.socketPath, 1, true, 8000).then(([a]) => a),
      h.waitForPrompts(1).then(([p]) => h.control('POST', `/prompts/${p.id}/deny`)),
    ]);
    expect(stranger).toMatchObject({ status: 403, body: { name: 'AuthorizationDenied' } });
  });

  it('DSK-4: under process scoping the second process of the same session is prompted', async () => {
    await h.control('PUT', '/policy', { scope: 'process' });
    const session = initFromChildren(h.socketPath, 2, true, 8000);
    const [prompt] = await h.waitForPrompts(1);
    await h.control('POST', `/prompts/${prompt.id}/approve`);
    const [second] = await h.waitForPrompts(1);
    expect(second.id).not.toBe(prompt.id);
    await h.control('POST', `/prompts/${second.id}/deny`);
    const [leader, sibling] = await session;
    expect(leader).toMatchObject({ status: 201 });
    expect(sibling).toMatchObject({ status: 403 });
  });
});
