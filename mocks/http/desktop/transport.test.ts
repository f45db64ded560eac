import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClock } from '../../core/clock.js';
import { encodeFrame } from './raw-envelope.js';
import { startDesktopServer } from './server.js';
import { initBody, startHarness, type DesktopHarness } from '../../testing/desktop-harness.js';

let h: DesktopHarness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

/** Runs a request from a second, real process; prints `{status, body}` of its answer. */
function fromAnotherProcess(socketPath: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const script = `
    const http = require('node:http');
    const [socketPath, method, path, body] = process.argv.slice(1);
    const req = http.request({ socketPath, method, path, headers: { 'content-type': 'application/json' } }, (res) => {
      let t = ''; res.on('data', (d) => t += d);
      res.on('end', () => { process.stdout.write(JSON.stringify({ status: res.statusCode, body: t ? JSON.parse(t) : null })); });
    });
    req.on('error', (e) => { process.stdout.write(JSON.stringify({ error: e.code || e.message })); });
    req.end(body || undefined);`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script, socketPath, method, path, body === undefined ? '' : JSON.stringify(body)], { timeout: 10_000 }, (err, stdout) => {
      if (err) return reject(err);
      const out = JSON.parse(stdout);
      if (out.error) return reject(new Error(out.error));
      resolve(out);
    });
  });
}

/** Sends raw frames on one connection and collects `n` replies. */
function rawExchange(socketPath: string, messages: unknown[]): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const s = connect(socketPath);
    let buf = Buffer.alloc(0);
    const replies: any[] = [];
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      while (buf.length >= 4 && buf.length >= 4 + buf.readUInt32LE(0)) {
        const len = buf.readUInt32LE(0);
        replies.push(JSON.parse(buf.subarray(4, 4 + len).toString('utf8')));
        buf = buf.subarray(4 + len);
      }
      if (replies.length === messages.length) { s.end(); resolve(replies); }
    });
    s.on('error', reject);
    s.setTimeout(5000, () => { s.destroy(); reject(new Error(`only ${replies.length} replies`)); });
    for (const m of messages) s.write(encodeFrame(m));
  });
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64');

describe('desktop channel transport', () => {
  it('DSK-4: a second real process cannot use the first one\'s client id and gets the same answer as an expired session', async () => {
    const id = await h.approvedClient();
    const unknown = await h.invoke('BBBBBBBBBBBBBBBBBBBBBB', 'VaultsList');
    const stolen = await fromAnotherProcess(h.socketPath, 'POST', `/v1/clients/${id}/invoke`, { name: 'VaultsList', parameters: {} });
    h.contract.check({ method: 'POST', path: `/v1/clients/${id}/invoke`, status: stolen.status, body: stolen.body });
    expect(stolen).toEqual({ status: 401, body: unknown.body });
    const release = await fromAnotherProcess(h.socketPath, 'DELETE', `/v1/clients/${id}`);
    h.contract.check({ method: 'DELETE', path: `/v1/clients/${id}`, status: release.status, body: release.body });
    expect(release.status).toBe(401);
    // The owner still holds its session.
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
    expect((await h.control('GET', '/activity')).body.activity.every((a: any) => a.process.pid === process.pid)).toBe(true);
  });

  it('DSK-4: the second process gets its own prompt naming its own pid, even with a live grant in the first', async () => {
    await h.approvedClient();
    const child = fromAnotherProcess(h.socketPath, 'POST', '/v1/clients', initBody());
    const [prompt] = await h.waitForPrompts(1);
    expect(prompt.process.pid).not.toBe(process.pid);
    expect(prompt.process.identity_source).toBe('peer');
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    const answer = await child;
    h.contract.check({ method: 'POST', path: '/v1/clients', status: answer.status, body: answer.body });
    expect(answer.body.name).toBe('AuthorizationDenied');
  });

  it('DSK-4: the socket file is mode 0600', () => {
    expect(statSync(h.socketPath).mode & 0o777).toBe(0o600);
  });

  it('DSK-9: a dropped connection surfaces as a connection error within a bounded time', async () => {
    const id = await h.approvedClient();
    expect((await h.control('POST', '/scenarios', { drop: 1 })).body).toEqual({ drop: 1, refuse: false, rate_limit: 0, lock_in_flight: 0, silent: 0, rate_budget: null });
    const started = Date.now();
    await expect(h.invoke(id, 'VaultsList')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await h.control('GET', '/scenarios')).body.drop).toBe(0);
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
  });

  it('DSK-9: refusing connections (app not running) fails fast; resuming serves again', async () => {
    const id = await h.approvedClient();
    expect((await h.control('POST', '/scenarios', { refuse: true })).body.refuse).toBe(true);
    const started = Date.now();
    await expect(h.invoke(id, 'VaultsList')).rejects.toThrow(/ENOENT|ECONNREFUSED|ECONNRESET|socket hang up/);
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await h.control('DELETE', '/scenarios')).body).toEqual({ drop: 0, refuse: false, rate_limit: 0, lock_in_flight: 0, silent: 0, rate_budget: null });
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
  });

  it('DSK-9: a stale socket file is replaced; a live socket is not stolen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-stale-'));
    try {
      const path = join(dir, 'app.sock');
      // A crashed run: a process listened on the file and was killed, leaving the file behind.
      await new Promise<void>((resolve) => {
        execFile(process.execPath, ['-e', `require('node:net').createServer().listen(process.argv[1], () => process.kill(process.pid, 'SIGKILL'))`, path], () => resolve());
      });
      expect(statSync(path).isSocket()).toBe(true);
      const server = (await startDesktopServer({ clock: createClock(), socketPath: path }))!;
      try {
        await expect(startDesktopServer({ clock: createClock(), socketPath: path })).rejects.toThrow(/another process is listening/);
      } finally {
        await server.close();
      }
      writeFileSync(path, 'not a socket');
      await expect(startDesktopServer({ clock: createClock(), socketPath: path })).rejects.toThrow(/not a socket/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('DSK-1: the raw length-prefixed envelope speaks the same channel (init_client, invoke, release_client)', async () => {
    await h.control('PUT', '/policy', { mode: 'approve' });
    const [init] = await rawExchange(h.socketPath, [{ kind: 'init_client', account_name: 'Demo Account', payload: b64({ integrationName: 'raw', integrationVersion: '1' }) }]);
    expect(init.success).toBe(true);
    const clientId = init.payload.clientId;
    const replies = await rawExchange(h.socketPath, [
      { kind: 'invoke', account_name: 'Demo Account', payload: b64({ invocation: { clientId, parameters: { name: 'SecretsResolve', parameters: { secret_reference: 'op://Private/GitHub/password' } } } }) },
      { kind: 'invoke', account_name: 'Demo Account', payload: b64({ invocation: { clientId: 'nope', parameters: { name: 'VaultsList', parameters: {} } } }) },
      { kind: 'release_client', account_name: 'Demo Account', payload: b64({ clientId }) },
      { kind: 'bogus', payload: b64({}) },
    ]);
    expect(replies[0]).toEqual({ success: true, payload: 'demo-github-password' });
    expect(replies[1]).toEqual({ success: false, payload: { name: 'DesktopSessionExpired', message: expect.any(String) } });
    expect(replies[2]).toEqual({ success: true, payload: null });
    expect(replies[3].payload.name).toBe('InvalidRequest');
  });

  it('DSK-6: the event stream reports prompt, approval, lock, unlock and expiry', async () => {
    const ac = new AbortController();
    const res = await fetch(`${h.controlUrl}/events`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    h.contract.check({ method: 'GET', path: '/_mock/desktop/events', status: res.status, body: '', contentType: 'text/event-stream' });
    const reader = res.body!.getReader();
    let text = '';
    const id = await h.approvedClient();
    await h.control('POST', '/lock');
    await h.control('POST', '/unlock');
    expect((await h.invoke(id, 'VaultsList')).status).toBe(401);
    const until = Date.now() + 3000;
    while (!text.includes('event: unlock') && Date.now() < until) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types).toEqual(['prompt', 'approval', 'lock', 'expiry', 'unlock']);
    const expiry = JSON.parse(/event: expiry\ndata: (.*)\n/.exec(text)![1]!);
    expect(expiry.reason).toBe('lock');
  });

  it('DSK-1: malformed requests get a clear {name, message}, never a 5xx or a hang', async () => {
    const raw = (method: string, path: string, body: string) => new Promise<{ status: number; body: any }>((resolve, reject) => {
      const req = request({ socketPath: h.socketPath, method, path, headers: { 'content-type': 'application/json' } }, (res) => {
        let t = ''; res.on('data', (d) => (t += d)); res.on('end', () => resolve({ status: res.statusCode!, body: t ? JSON.parse(t) : undefined }));
      });
      req.on('error', reject);
      // The server answers 413 before the body is sent; the rest of the write then fails (EPIPE).
      req.on('socket', (s) => s.on('error', () => undefined));
      req.end(body);
    });
    const cases: Array<[string, string, string, number, string]> = [
      ['POST', '/v1/clients', '{not json', 400, 'InvalidRequest'],
      ['POST', '/v1/clients', '{"account_name": "Demo Account"}', 400, 'InvalidRequest'],
      ['POST', '/v1/clients', '[]', 400, 'InvalidRequest'],
      ['GET', '/v1/clients', '', 405, 'MethodNotAllowed'],
      ['POST', '/v1/clients/abc/invoke', '{"parameters": {}}', 400, 'InvalidRequest'],
      ['POST', '/v1/clients/abc/invoke', '"x"', 400, 'InvalidRequest'],
      ['GET', '/elsewhere', '', 404, 'NotFound'],
    ];
    for (const [method, path, body, status, name] of cases) {
      const answer = await raw(method, path, body);
      h.contract.check({ method, path, status: answer.status, body: answer.body });
      expect([method, path, body, answer.status, answer.body.name]).toEqual([method, path, body, status, name]);
      expect(answer.body.message.length).toBeGreaterThan(10);
    }
    const big = await raw('POST', '/v1/clients', JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    expect([big.status, big.body.name]).toEqual([413, 'PayloadTooLarge']);
  });

  it('DSK-1: the control plane refuses cross-site browsers and unknown prompts with a clear error', async () => {
    const forbidden = await h.control('POST', '/lock', undefined, { origin: 'https://evil.example' });
    expect([forbidden.status, forbidden.body.name]).toEqual([403, 'ForbiddenOrigin']);
    expect((await h.control('GET', '/state')).body.locked).toBe(false);
    const missing = await h.control('POST', '/prompts/nope/approve');
    expect([missing.status, missing.body.name]).toEqual([404, 'PromptNotFound']);
    const badPolicy = await h.control('PUT', '/policy', { mode: 'sometimes' });
    expect([badPolicy.status, badPolicy.body.name]).toEqual([400, 'InvalidRequest']);
    expect(badPolicy.body.message).toContain('manual');
    const badScenario = await h.control('POST', '/scenarios', { drop: -1 });
    expect(badScenario.status).toBe(400);
    const page = await h.control('GET', '');
    expect(page.contentType).toContain('text/html');
    expect(page.body).toContain('Pending prompts');
  });

  it('DSK-1: accounts, vaults and items added through the control plane are served', async () => {
    const added = await h.control('POST', '/accounts', { name: 'Lab Account', vaults: [{ title: 'Ops' }] });
    expect(added.status).toBe(201);
    await h.control('POST', `/accounts/${added.body.account.id}/vaults`, { title: 'Keys' });
    const item = await h.control('POST', '/accounts/Lab%20Account/vaults/Keys/items', { title: 'Signing', fields: [{ title: 'key', value: 'lab-signing-key', type: 'Concealed' }] });
    expect(item.status).toBe(201);
    expect(JSON.stringify((await h.control('GET', '/accounts')).body)).not.toContain('lab-signing-key');
    const id = await h.approvedClient('Lab Account');
    expect((await h.invoke(id, 'SecretsResolve', { secret_reference: 'op://Keys/Signing/key' })).body.result).toBe('lab-signing-key');
    const noVault = await h.control('POST', '/accounts/Lab%20Account/vaults/Nope/items', { title: 'x' });
    expect([noVault.status, noVault.body.name]).toEqual([404, 'vaultNotFound']);
  });

  it('DSK-1: RateLimitExceeded answers 429 when the scenario is armed', async () => {
    const id = await h.approvedClient();
    await h.control('POST', '/scenarios', { rate_limit: 1 });
    const limited = await h.invoke(id, 'VaultsList');
    expect([limited.status, limited.body.name]).toEqual([429, 'RateLimitExceeded']);
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
  });
});
