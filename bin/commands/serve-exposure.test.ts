/**
 * `authprobe serve` says what it exposes: a bind address other than loopback prints a warning
 * naming what is open, --issuer sets the URL the metadata announces, and the control token may
 * come from AUTHPROBE_CONTROL_TOKEN so that it never shows in the process list.
 */
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from '../proof/cli.test-support.js';

describe('authprobe serve: exposure', () => {
  it('--host 0.0.0.0 warns, names the control API and the token, and --issuer is what metadata announces', async () => {
    const serve = await startCli(['serve', '--host', '0.0.0.0', '--port', '0', '--issuer', 'http://127.0.0.1:1', '--desktop-socket', `/tmp/authprobe-exposure-${process.pid}.sock`], /serving;/, { env: { AUTHPROBE_CONTROL_TOKEN: 'exposure-test-token' } });
    const result = await serve.stop('SIGTERM');
    expect(result.stderr).toMatch(/warning: --host 0\.0\.0\.0 exposes the mock to the network/);
    expect(result.stdout.split('\n')[0]).toBe('http://127.0.0.1:1');
    expect(result.stdout + result.stderr).not.toContain('exposure-test-token');
  }, 180_000);

  it('the control token from AUTHPROBE_CONTROL_TOKEN guards the control API; without it, 401', async () => {
    const serve = await startCli(['serve', '--port', '0', '--desktop-socket', `/tmp/authprobe-token-${process.pid}.sock`], /serving;/, { env: { AUTHPROBE_CONTROL_TOKEN: 'env-token-123' } });
    const issuer = serve.output().split('\n')[0] as string;
    const bare = await fetch(`${issuer}/_mock/clock`);
    const withToken = await fetch(`${issuer}/_mock/clock`, { headers: { authorization: 'Bearer env-token-123' } });
    await serve.stop('SIGTERM');
    expect([bare.status, withToken.status]).toEqual([401, 200]);
  }, 180_000);

  it('a bad --issuer is a usage error naming what is wrong', async () => {
    const r = await runCli(['serve', '--port', '0', '--issuer', 'https://as.example.com/?x=1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--issuer must have no query or fragment/);
  }, 180_000);
});
