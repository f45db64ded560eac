/**
 * AZ-5 against small consent servers of known design: the property must fail the one that
 * honours a cross-site approval and pass every design that stops it (an Origin check, a
 * SameSite session cookie, a CSRF token bound to the session), and skip where there is no
 * consent form to post.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runSuites } from '../runner/run.js';
import { defineTarget } from '../target/load.js';
import { approvalForm } from './consent-post.js';

describe('approvalForm', () => {
  it('AZ-5: takes the approving button of the form, with the hidden fields', () => {
    const html = `<form method="post" action="/oauth/authorize/decision"><input type="hidden" name="request_id" value="a&amp;b">
<button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="deny">Deny</button></form>`;
    expect(approvalForm(html, 'http://127.0.0.1:1/oauth/authorize?x=1')).toEqual({ action: 'http://127.0.0.1:1/oauth/authorize/decision', body: 'request_id=a%26b&decision=approve' });
  });

  it('AZ-5: a single unnamed submit button approves by its label; a GET form is no approval', () => {
    const html = `<form action="/search"><button>Go</button></form><form method="POST" action="/interaction/u1"><input type="hidden" name="prompt" value="consent"><button type="submit">Allow</button></form>`;
    expect(approvalForm(html, 'http://h.example/interaction/u1')).toEqual({ action: 'http://h.example/interaction/u1', body: 'prompt=consent' });
  });

  it('AZ-5: a sign-in form and a form posting elsewhere are not driven, with the reason', () => {
    const login = '<form method="post"><input name="login"><input type="password" name="password"><button>Sign in</button></form>';
    expect(approvalForm(login, 'http://h.example/login')).toEqual({ none: expect.stringContaining('asks for a password') });
    const off = '<form method="post" action="https://other.example/x"><button>Allow</button></form>';
    expect(approvalForm(off, 'http://h.example/c')).toEqual({ none: expect.stringContaining('posts to another origin') });
  });
});

/** How a consent server stops (or fails to stop) a forged approval. */
type Design =
  | 'session-only' // the pending request lives in a session cookie without SameSite; the form carries nothing
  | 'samesite-lax' // the same, with a SameSite=Lax cookie
  | 'session-token' // a SameSite=None cookie, and the form carries a token bound to the session
  | 'origin-check' // no cookie: the form carries the request id, and the Origin must be the server's
  | 'no-consent' // the authorization request is answered with a code at once
  | 'login-only'; // a sign-in page that asks for a password

interface Session {
  token: string;
  pending?: { redirectUri: string; state: string };
}

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => resolve(new URLSearchParams(body)));
  });
}

function consentServer(design: Design): Server {
  const sessions = new Map<string, Session>();
  const pendingById = new Map<string, { redirectUri: string; state: string }>();
  const code = (p: { redirectUri: string; state: string }) => `${p.redirectUri}?code=${randomBytes(16).toString('hex')}&state=${encodeURIComponent(p.state)}`;
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const cookie = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const html = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html', ...headers });
      res.end(`<!doctype html><html><body>${body}</body></html>`);
    };
    if (url.pathname === '/authorize') {
      const pending = { redirectUri: url.searchParams.get('redirect_uri') ?? '', state: url.searchParams.get('state') ?? '' };
      if (design === 'no-consent') return void res.writeHead(302, { location: code(pending) }).end();
      if (design === 'login-only') return html(200, '<form method="post" action="/login"><input name="login"><input type="password" name="password"><button>Sign in</button></form>');
      if (design === 'origin-check') {
        const id = randomBytes(16).toString('hex');
        pendingById.set(id, pending);
        return html(200, `<form method="post" action="/decision"><input type="hidden" name="id" value="${id}"><button>Allow</button></form>`);
      }
      const sid = randomBytes(16).toString('hex');
      const session: Session = { token: randomBytes(16).toString('hex'), pending };
      sessions.set(sid, session);
      const sameSite = design === 'samesite-lax' ? '; SameSite=Lax' : design === 'session-token' ? '; SameSite=None; Secure' : '';
      const field = design === 'session-token' ? `<input type="hidden" name="csrf" value="${session.token}">` : '';
      return html(200, `<form method="post" action="/decision">${field}<button>Allow</button></form>`, { 'set-cookie': `sid=${sid}; Path=/; HttpOnly${sameSite}` });
    }
    if (url.pathname === '/decision' && req.method === 'POST') {
      const form = await readBody(req);
      if (design === 'origin-check') {
        const pending = pendingById.get(form.get('id') ?? '');
        if (!pending || (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host}`)) return html(403, 'refused');
        return void res.writeHead(302, { location: code(pending) }).end();
      }
      const session = cookie ? sessions.get(cookie) : undefined;
      if (!session?.pending) return html(400, 'no session');
      if (design === 'session-token' && form.get('csrf') !== session.token) return html(403, 'bad token');
      return void res.writeHead(302, { location: code(session.pending) }).end();
    }
    res.writeHead(404).end();
  });
}

describe('AZ-5 property', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function az5Against(design: Design) {
    server = consentServer(design);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const target = defineTarget({
      issuer,
      profiles: ['public-client'],
      endpoints: { authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token` },
      clients: { public: { client_id: 'c1', redirect_uri: 'http://127.0.0.1:8765/callback', scope: 'openid' } },
      authorize: { mode: 'redirect' },
      timeouts: { request_ms: 5000 },
    });
    const report = await runSuites(target, { only: ['AZ-5'], seed: 5 });
    return report.results.find((r) => r.id === 'AZ-5');
  }

  it('AZ-5: fails a server that takes the pending request from a cookie any site can send', async () => {
    const row = await az5Against('session-only');
    expect(row?.status).toBe('fail');
    expect(row?.message).toMatch(/by a page on https:\/\/attacker\.authprobe\.example .* was honoured: a code came back/);
  }, 60_000);

  it.each(['samesite-lax', 'session-token', 'origin-check'] as const)('AZ-5: passes a server that stops it by %s', async (design) => {
    const row = await az5Against(design);
    expect({ status: row?.status, message: row?.message }).toEqual({ status: 'pass', message: undefined });
  }, 60_000);

  it('AZ-5: skips, with the reason, a server that shows no consent page', async () => {
    const row = await az5Against('no-consent');
    expect(row?.status).toBe('skip');
    expect(row?.message).toMatch(/no consent page/);
  }, 60_000);

  it('AZ-5: skips, with the reason, a sign-in page it cannot pass without an authorize module', async () => {
    const row = await az5Against('login-only');
    expect(row?.status).toBe('skip');
    expect(row?.message).toMatch(/asks for a password/);
  }, 60_000);
});
