/**
 * `authprobe serve` as a user runs it: a child process on a free port, completed by a standards
 * client (oauth4webapi): authorization code + PKCE + refresh, then reuse of the rotated
 * refresh token revokes the family (ROT-3).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTarget } from '../../suites/api.js';

const bin = fileURLToPath(new URL('../authprobe.js', import.meta.url));
let child: ChildProcessWithoutNullStreams;
let issuer: string;
let targetFile: string;
const lines: string[] = [];

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [bin, ...args]);
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-serve-'));
  const socketPath = join(dir, 'desktop.sock');
  targetFile = join(dir, 'target.json');
  child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--consent', 'auto', '--desktop-socket', socketPath, '--write-target', targetFile]);
  const rl = createInterface({ input: child.stdout });
  issuer = await new Promise<string>((resolve, reject) => {
    rl.on('line', (l) => {
      lines.push(l);
      // The issuer comes first; the target file is written before its line is printed.
      if (l.startsWith('target file: ')) resolve(lines[0]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }
});

describe('authprobe serve', () => {
  it('prints the issuer URL as its first line', () => {
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('--write-target writes a valid target file for this server, desktop socket included', () => {
    const written = JSON.parse(readFileSync(targetFile, 'utf8')) as { issuer: string; desktop?: { socket: string } };
    expect(written.issuer).toBe(issuer);
    expect(written.desktop?.socket).toBe(lines[1]?.replace('desktop socket: ', ''));
    expect(() => defineTarget(written as never)).not.toThrow();
  });

  it('--write-target without --consent auto is a usage error (exit 2)', async () => {
    const r = await run(['serve', '--port', '0', '--write-target', join(tmpdir(), 'never.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--write-target needs --consent auto');
  });

  it('ROT-3: oauth4webapi completes code + PKCE + refresh; reusing the rotated token revokes the family', async () => {
    const as = await oauth
      .discoveryRequest(new URL(issuer), { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true })
      .then((r) => oauth.processDiscoveryResponse(new URL(issuer), r));
    const client: oauth.Client = { client_id: 'demo-public' };
    const auth = oauth.None();
    const redirectUri = 'http://127.0.0.1:8765/callback';
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(as.authorization_endpoint as string);
    url.search = new URLSearchParams({
      client_id: client.client_id, redirect_uri: redirectUri, response_type: 'code', scope: 'profile offline_access', state,
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    }).toString();
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const params = oauth.validateAuthResponse(as, client, new URL(res.headers.get('location') as string), state);
    const opts = { [oauth.allowInsecureRequests]: true };
    const first = await oauth.processAuthorizationCodeResponse(as, client,
      await oauth.authorizationCodeGrantRequest(as, client, auth, params, redirectUri, verifier, opts));
    expect(first.refresh_token).toBeTypeOf('string');
    const second = await oauth.processRefreshTokenResponse(as, client,
      await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token as string, opts));
    expect(second.refresh_token).not.toBe(first.refresh_token);

    await expect(oauth.processRefreshTokenResponse(as, client,
      await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token as string, opts))).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oauth.processRefreshTokenResponse(as, client,
      await oauth.refreshTokenGrantRequest(as, client, auth, second.refresh_token as string, opts))).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('exits 2 listing valid names for an unknown defect', async () => {
    const r = await run(['serve', '--port', '0', '--defect', 'no-such-defect']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown defect 'no-such-defect'");
    expect(r.stderr).toContain('pkce-plain-accepted');
  });

  it('exits 2 with a clear message when the port is in use', async () => {
    const port = new URL(issuer).port;
    const r = await run(['serve', '--port', port, '--desktop-socket', join(tmpdir(), `authprobe-unused-${process.pid}.sock`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already in use');
  });

  it('authprobe defects lists every defect with the IDs it breaks', async () => {
    const r = await run(['defects', '--json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { name: string; breaks: string[] }[];
    expect(list.find((d) => d.name === 'pkce-plain-accepted')?.breaks).toEqual(['PKCE-2']);
  });
});
