/**
 * Issue 12, the harness half: a hostile target cannot hang a run, crash it, get the client's
 * credentials sent elsewhere, or write to the user's terminal. Every scenario runs the real CLI
 * (or the runner) against a little loopback server and checks the exit code, the message, the
 * time it took, and that no socket was left open.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.test-support.js';
import {
  ESCAPES,
  HEADER_ESCAPES,
  SECRET,
  eventually,
  hugeBody,
  httpTarget,
  isWellKnown,
  json,
  metadata,
  targetFile,
  tcpTarget,
  type HostileTarget,
} from './hostile-targets.test-support.js';
import { HttpClient } from '../../suites/http/client.js';
import { runSuites } from '../../suites/runner/run.js';
import { TargetUnreachableError } from '../../suites/target/errors.js';
import { defineTarget } from '../../suites/target/load.js';
import { prepareTarget } from '../../suites/target/prepare.js';

/** Raw control characters, DEL, C1 and bidi controls: nothing the terminal could act on (newlines are the report's own). */
const RAW_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const targets: HostileTarget[] = [];
async function keep<T extends HostileTarget>(t: Promise<T>): Promise<T> {
  const target = await t;
  targets.push(target);
  return target;
}
afterAll(async () => {
  await Promise.all(targets.map((t) => t.close()));
});

/**
 * Runs the runner in-process on a target that must end the run before any row: returns the
 * error, which the CLI prints and exits 2 with (`TargetUnreachableError`, bin/commands/test.ts).
 */
async function endsBeforeAnyRow(target: HostileTarget): Promise<{ message: string; elapsed: number }> {
  const started = Date.now();
  const file = JSON.parse(readFileSync(targetFile(target.issuer), 'utf8')) as Record<string, unknown>;
  const err = await runSuites(defineTarget(file), { seed: 1 }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TargetUnreachableError);
  expect(await eventually(() => target.openSockets() === 0)).toBe(true);
  return { message: (err as Error).message, elapsed: Date.now() - started };
}

/** Runs `authprobe test --config` against the target; the child must exit by itself. */
async function probe(target: HostileTarget, extra: Record<string, unknown> = {}, args: string[] = []) {
  const started = Date.now();
  const r = await runCli(['test', '--config', targetFile(target.issuer, extra), '--seed', '1', ...args], { timeoutMs: 120_000 });
  const elapsed = Date.now() - started;
  // Killed by runCli's guard would be code null: the process ended on its own.
  expect(r.code).not.toBeNull();
  // Nothing left open on the target's side once the harness is gone.
  expect(await eventually(() => target.openSockets() === 0)).toBe(true);
  return { ...r, elapsed };
}

// Each CLI run starts a fresh process (tsx): generous, for a loaded 2-core machine.
const CLI_TEST_MS = 120_000;

/**
 * The request timeout for scenarios that are not about timeouts. The target files' 500 ms
 * (targetFile) keeps the timeout scenarios quick, but a freshly started CLI's first request on a
 * loaded CI machine can take longer than that, and the run then ends at discovery instead.
 */
const PATIENT = { timeouts: { request_ms: 10_000 } };

describe('hostile targets end a run in bounded time, with exit code and reason (issue 12)', { timeout: CLI_TEST_MS }, () => {
  it('ROB-H1 silent: a target that accepts and never answers ends the run with exit 2, "timed out"', async () => {
    const t = await keep(tcpTarget(() => {}));
    const r = await probe(t);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target unreachable: timed out \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\)/);
    expect(r.elapsed).toBeLessThan(30_000);
  });

  it('ROB-H2 byte by byte: an answer trickled one byte at a time is cut at the request timeout', async () => {
    const t = await keep(
      tcpTarget((socket) => {
        // Headers at once, then the body one byte every 10 ms: no gap long enough for a per-read timeout.
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n');
        const text = `{"issuer":${' '.repeat(100_000)}`;
        let i = 0;
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(text[i++] ?? ' ')), 10);
        socket.on('close', () => clearInterval(timer));
      }),
    );
    const r = await endsBeforeAnyRow(t);
    expect(r.message).toMatch(/^target unreachable: timed out \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\)/);
    expect(r.elapsed).toBeLessThan(10_000);
  });

  it('ROB-H3 50 MB: an oversized metadata answer is cut at the cap, and the message says so', async () => {
    const t = await keep(httpTarget((_req, res) => hugeBody(res, 50 * 1024 * 1024)));
    const r = await endsBeforeAnyRow(t);
    expect(r.message).toMatch(/^target unreachable: not an authorization server .*answered 200 \(application\/json, answer cut at the 1 MiB cap, not read as JSON\)/);
    expect(r.elapsed).toBeLessThan(10_000);
  });

  it('ROB-H4 invalid JSON and HTML: metadata that is not JSON ends the run with exit 2, naming the content type', async () => {
    const broken = await keep(httpTarget((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"issuer": "http://127.0.0.1", ')));
    const page = await keep(httpTarget((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>')));
    expect((await endsBeforeAnyRow(broken)).message).toMatch(/^target unreachable: not an authorization server .*answered 200 \(application\/json, not JSON\)/);
    expect((await endsBeforeAnyRow(page)).message).toMatch(/^target unreachable: not an authorization server .*answered 200 \(text\/html, not JSON\)/);
  });

  it('ROB-H5 redirect loop: redirects are not followed, and the message names their Location', async () => {
    const t = await keep(httpTarget((req, res) => res.writeHead(302, { location: req.url ?? '/' }).end()));
    const r = await endsBeforeAnyRow(t);
    expect(r.message).toMatch(/answered 302 redirecting to \/\.well-known\/oauth-authorization-server \(redirects are not followed\)/);
    expect(t.received).toHaveLength(2); // one per well-known URL, no loop
  });

  it('ROB-H6 off-host redirect: the other host receives nothing', async () => {
    const elsewhere = await keep(httpTarget((_req, res) => json(res, 200, {})));
    const t = await keep(httpTarget((req, res) => res.writeHead(307, { location: `${elsewhere.origin}${req.url ?? '/'}` }).end()));
    const r = await endsBeforeAnyRow(t);
    expect(r.message).toContain(`redirecting to ${elsewhere.origin}/.well-known/oauth-authorization-server (redirects are not followed)`);
    expect(elsewhere.received).toEqual([]);
  });

  it('ROB-H7 connection reset: a target that resets every connection ends the run with exit 2, "network error"', async () => {
    const t = await keep(tcpTarget((socket) => socket.resetAndDestroy()));
    const r = await endsBeforeAnyRow(t);
    expect(r.message).toMatch(/^target unreachable: network error \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\)/);
    expect(r.elapsed).toBeLessThan(10_000);
  });
});

describe('lying metadata: credentials stay with the issuer (RFC 8414 §3.3, RFC 9700 §4.4)', { timeout: CLI_TEST_MS }, () => {
  it('ROB-H8 a token endpoint on another origin is refused before anything is sent there, naming "endpoint_origins"', async () => {
    const attacker = await keep(httpTarget((_req, res) => json(res, 200, { access_token: 'x', token_type: 'Bearer' })));
    const t = await keep(httpTarget((req, res, { origin }) => (isWellKnown(req) ? json(res, 200, metadata(origin, { token_endpoint: `${attacker.origin}/token` })) : json(res, 400, { error: 'invalid_request' }))));
    const r = await probe(t, PATIENT);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`target not trusted: metadata refused`);
    expect(r.stderr).toContain(`metadata points token_endpoint at "${attacker.origin}/token", off the issuer's origin ${t.origin}`);
    expect(r.stderr).toContain(`add "${attacker.origin}" to "endpoint_origins" in the target file`);
    expect(attacker.received).toEqual([]);
    expect(JSON.stringify(t.received)).not.toContain(SECRET);
    expect(JSON.stringify(t.received)).not.toContain(Buffer.from(`hostile-confidential:${SECRET}`).toString('base64'));
  });

  it('ROB-H9 the same metadata is used when the target file lists that origin in endpoint_origins', async () => {
    const other = await keep(httpTarget((_req, res) => json(res, 400, { error: 'invalid_request' })));
    const t = await keep(httpTarget((req, res, { origin }) => json(res, 200, metadata(origin, { token_endpoint: `${other.origin}/token`, jwks_uri: `${other.origin}/jwks` }))));
    const spec = defineTarget({ issuer: t.issuer, profiles: ['public-client'], endpoint_origins: [other.origin] });
    const http = new HttpClient({ timeoutMs: 2_000 });
    try {
      const target = await prepareTarget(spec, http);
      expect(target.endpoints.token_endpoint).toBe(`${other.origin}/token`);
    } finally {
      await http.close();
    }
  });

  it('ROB-H10 an issuer other than the configured one is refused (RFC 8414 §3.3)', async () => {
    const t = await keep(httpTarget((req, res, { origin }) => json(res, 200, metadata(origin, { issuer: 'https://as.example.com' }))));
    const r = await probe(t, PATIENT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target not trusted: metadata refused .*metadata names issuer "https:\/\/as\.example\.com", the target file says "http:\/\/127\.0\.0\.1:\d+" \(RFC 8414 §3\.3 requires them identical\)/);
  });
});

describe('terminal escapes: nothing the target sends reaches the terminal raw', { timeout: CLI_TEST_MS }, () => {
  it('ROB-H11 in the messages that end a run (metadata values, headers)', async () => {
    const t = await keep(
      httpTarget((req, res, { origin }) =>
        req.url === '/.well-known/oauth-authorization-server'
          ? res.writeHead(404, { 'content-type': `text/html${HEADER_ESCAPES}` }).end(ESCAPES)
          : json(res, 200, metadata(origin, { issuer: `${origin}${ESCAPES}` })),
      ),
    );
    const r = await probe(t, PATIENT);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/target not trusted/);
    // Shown, readable: JSON.stringify escapes C0 (\u001b), the rest as \x9b, \u202e.
    expect(r.stderr).toContain('\\u001b]0;pwned\\u0007');
    expect(r.stderr).toContain('\\x9b31m\\u202eDESSAP');
    expect(r.stderr).not.toMatch(RAW_UNSAFE);
    expect(r.stdout).not.toMatch(RAW_UNSAFE);
  });

  it('ROB-H12 in rows, counterexamples and exchanges (bodies, headers, Location), with no fake line', async () => {
    const t = await keep(
      httpTarget((req, res, { origin }) => {
        if (isWellKnown(req)) return json(res, 200, metadata(origin));
        const headers = { 'x-note': HEADER_ESCAPES };
        if ((req.url ?? '').startsWith('/authorize')) {
          return res.writeHead(302, { location: `http://127.0.0.1:8765/callback?error=${HEADER_ESCAPES}&error_description=${encodeURIComponent(ESCAPES)}`, ...headers }).end(ESCAPES);
        }
        return json(res, 400, { error: ESCAPES, error_description: ESCAPES }, headers);
      }),
    );
    const r = await probe(t, PATIENT, ['--runs', '2']);
    expect(r.code, `exit ${r.code}; the report's end:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-500)}`).toBe(1);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07');
    expect(r.stdout).not.toMatch(RAW_UNSAFE);
    expect(r.stderr).not.toMatch(RAW_UNSAFE);
    // The fake verdict never starts a line: the report's own last line is the real one.
    expect(r.stdout.split('\n').filter((l) => l.startsWith('Every applicable MUST'))).toEqual([]);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ MUST requirement\(s\) failed/);
  });
});

describe('a target that stops answering ends the run quickly (exit 2, the reason)', { timeout: CLI_TEST_MS }, () => {
  /** Serves metadata, then never answers anything else. */
  const silentAfterMetadata = () => httpTarget((req, res, { origin }) => (isWellKnown(req) ? json(res, 200, metadata(origin)) : undefined));

  it('ROB-H13 metadata then silence: the remaining rows are "not run: the target stopped answering"', async () => {
    const t = await keep(silentAfterMetadata());
    const r = await probe(t);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/SKIP +\S+ +not run: the target stopped answering/);
    expect(r.stdout).toMatch(/Run stopped: the target stopped answering \(10 requests in a row timed out after 500 ms, the last \w+ http:\/\/127\.0\.0\.1:\d+\/\S+\); \d+ requirement\(s\) not run/);
    // Two waves of 500 ms timeouts (8 requirements in flight, then 2 more), not one per row:
    // far below the minutes it took before.
    expect(r.elapsed).toBeLessThan(40_000);
  });

  it('ROB-H14 the runner leaves no socket open on a target that stopped answering', async () => {
    const t = await keep(silentAfterMetadata());
    const report = await runSuites(defineTarget({ issuer: t.issuer, profiles: ['public-client'], clients: { public: { client_id: 'p', redirect_uri: 'http://127.0.0.1:8765/callback' } }, timeouts: { request_ms: 300 } }), { seed: 1 });
    expect(report.exitCode).toBe(2);
    expect(report.results.filter((r) => r.message === 'not run: the target stopped answering').length).toBeGreaterThan(0);
    expect(await eventually(() => t.openSockets() === 0)).toBe(true);
  });

  it('ROB-H15 maxTimeMs bounds a run: rows not reached are "not run: --max-time reached", exit 2', async () => {
    // Alive but slow: every answer after 250 ms.
    const t = await keep(
      httpTarget((req, res, { origin }) => (isWellKnown(req) ? json(res, 200, metadata(origin)) : void setTimeout(() => json(res, 400, { error: 'invalid_request' }), 250))),
    );
    const spec = defineTarget({ issuer: t.issuer, profiles: ['public-client'], clients: { public: { client_id: 'p', redirect_uri: 'http://127.0.0.1:8765/callback' } } });
    const started = Date.now();
    const report = await runSuites(spec, { seed: 1, maxTimeMs: 1_500 });
    const elapsed = Date.now() - started;
    expect(report.exitCode).toBe(2);
    expect(report.verdict).toMatch(/^Run stopped: --max-time reached \(1500 ms\); \d+ requirement\(s\) not run/);
    expect(report.results.filter((r) => r.status === 'skip' && r.message === 'not run: --max-time reached').length).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(1_500 + 5_000);
    expect(await eventually(() => t.openSockets() === 0)).toBe(true);
  });

  it('ROB-H16 maxTimeMs bounds discovery too', async () => {
    const t = await keep(tcpTarget(() => {}));
    const started = Date.now();
    const err = await runSuites(defineTarget({ issuer: t.issuer, profiles: ['public-client'], timeouts: { request_ms: 20_000 } }), { maxTimeMs: 400 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TargetUnreachableError);
    expect((err as Error).message).toMatch(/^target unreachable: timed out \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-authorization-server\): timed out: not finished: --max-time reached/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('ROB-H17 a redirect loop on the authorization endpoint fails the row naming the last Location', async () => {
    const t = await keep(httpTarget((req, res, { origin }) => (isWellKnown(req) ? json(res, 200, metadata(origin)) : res.writeHead(302, { location: '/authorize?again=1' }).end())));
    const report = await runSuites(defineTarget({ issuer: t.issuer, profiles: ['public-client'], clients: { public: { client_id: 'p', redirect_uri: 'http://127.0.0.1:8765/callback' } } }), { only: ['PKCE-8'], runs: 1, seed: 1 });
    expect(report.results[0]?.status).toBe('fail');
    expect(report.results[0]?.message).toMatch(/more than 10 redirects on the server's own origin, the last to http:\/\/127\.0\.0\.1:\d+\/authorize\?again=1/);
  });
});
