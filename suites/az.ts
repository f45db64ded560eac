/** AZ — authorization endpoint hygiene (RFC 6749 §3.1, §4.1.2.1, §10.12, §10.13; RFC 9700 §4.2.4, §4.11.2, §4.16). */
import fc from 'fast-check';
import { authorizationRequest, authorizationUrl, type AuthorizationOutcome } from './oauth/authorize.js';
import { grantedCode, positiveControls } from './oauth/baseline.js';
import { publicClient } from './oauth/clients.js';
import { pkcePair, randomState } from './oauth/pkce.js';
import { codeOf, consentFlow, formPostFrom, NoApprovalForm, PostCaptured, type FormPost, type PostPolicy } from './oauth/consent-post.js';
import type { HttpResponse } from './http/client.js';
import { CaseFindings, check, fail, PropertySkip, Severity } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';
import { landing } from './target/navigation.js';

const ATTACKER = 'https://attacker.authprobe.example/cb';

function navigationList(o: AuthorizationOutcome): string {
  return o.navigations.map((n) => `${n.via} -> ${n.raw}`).join('; ') || 'none';
}

/** A navigation that would take the user agent to `uri` (Location, refresh, auto-submitting form). */
function sentTo(o: AuthorizationOutcome, uri: string): string | undefined {
  const origin = new URL(uri).origin;
  const n = o.navigations.find((x) => (landing(x) ?? x.url)?.origin === origin || x.raw.startsWith(uri));
  return n ? `${n.via} -> ${n.raw}` : undefined;
}

const az1: ConformanceProperty = {
  id: 'AZ-1',
  needs: ['public'],
  runs: 3,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // The second error: one about response_type or scope, which a server might check first.
    const secondError = fc.constantFrom<Array<[string, string]>>(
      [['response_type', 'token']],
      [['response_type', 'bogus']],
      [['response_type', '']],
      [['scope', '']],
    );
    return ctx.forAll(secondError, async (spoil) => {
      const pkce = pkcePair();
      const base = { redirect_uri: client.redirectUri, state: randomState(), code_challenge: pkce.challenge, code_challenge_method: 'S256', scope: client.scope };
      const apply = <T extends Record<string, unknown>>(p: T) => {
        const out: Record<string, unknown> = { ...p };
        for (const [k, v] of spoil) out[k] = v;
        return out as T & { client_id: string };
      };
      const label = spoil.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
      // The control: with a valid client and redirect URI, the same error goes back to the client (RFC 6749 §4.1.2.1).
      await control(`${label} from ${client.id} with its registered redirect_uri, answered at the redirect URI`, 'the same error for an invalid client or redirect', async () => {
        const o = await authorizationRequest(ctx, apply({ ...base, client_id: client.id }));
        check(o.params?.get('error') && o.callback?.toString().startsWith(client.redirectUri as string), () => `no error at the redirect URI (${o.refused ?? 'no callback'}); navigations: ${navigationList(o)}`);
      });
      const findings = new CaseFindings();
      const cases: Array<[string, Record<string, unknown> & { client_id: string }]> = [
        ['an unknown client_id', apply({ ...base, client_id: `authprobe-unknown-${randomState().slice(0, 8)}`, redirect_uri: ATTACKER })],
        [`${client.id} with an unregistered redirect_uri`, apply({ ...base, client_id: client.id, redirect_uri: ATTACKER })],
      ];
      for (const [what, params] of cases) await findings.attempt(async () => {
        const o = await authorizationRequest(ctx, params as never);
        const escape = sentTo(o, ATTACKER);
        // RFC 6749 §4.1.2.1: MUST NOT automatically redirect to the invalid redirection URI.
        check(!escape, () => `${what} and ${label}: the server redirected to ${ATTACKER}: ${escape} (RFC 6749 §4.1.2.1; RFC 9700 §4.11.2)`, Severity.granted);
      });
      findings.settle();
    });
  },
};

const DUPLICABLE = ['client_id', 'redirect_uri', 'state', 'response_type'] as const;

/** Did any navigation carry a code? */
function codeIssued(o: AuthorizationOutcome): string | undefined {
  const n = o.navigations.find((x) => landing(x)?.searchParams.get('code'));
  return n ? `${n.via} -> ${n.raw}` : o.params?.get('code') ? o.callback?.toString() : undefined;
}

const az2: ConformanceProperty = {
  id: 'AZ-2',
  needs: ['public'],
  runs: 2,
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    // Each parameter repeated with the same value and, in a generated order, every parameter in every run.
    return ctx.forAll(fc.shuffledSubarray([...DUPLICABLE], { minLength: DUPLICABLE.length }), async (order) => {
      await control(`the same authorization request for ${client.id} with each parameter once`, 'a repeated parameter', () => grantedCode(ctx, client));
      const findings = new CaseFindings();
      for (const name of order) await findings.attempt(async () => {
        const pkce = pkcePair();
        const p = { client_id: client.id, redirect_uri: client.redirectUri, scope: client.scope, state: randomState(), code_challenge: pkce.challenge, code_challenge_method: 'S256' };
        const value = name === 'response_type' ? 'code' : (p as Record<string, string | undefined>)[name] as string;
        const o = await authorizationRequest(ctx, { ...p, extra: [[name, value]] });
        const issued = codeIssued(o);
        // RFC 6749 §3.1: request parameters MUST NOT be included more than once.
        check(!issued, () => `${name} sent twice (${authorizationUrl('https://x/', { ...p, extra: [[name, value]] }).split('?')[1]?.slice(0, 200)}): a code was issued: ${issued} (RFC 6749 §3.1)`, Severity.granted);
      });
      findings.settle();
    });
  },
};

/** Follows the authorization request (with prompt=consent) on the server's origin until a page, with cookies. */
async function approvalPage(ctx: PropertyContext): Promise<{ url: string; res: HttpResponse }> {
  const client = publicClient(ctx.target);
  const endpoint = ctx.target.endpoints.authorization_endpoint as string;
  const pkce = pkcePair();
  let url = authorizationUrl(endpoint, {
    client_id: client.id, redirect_uri: client.redirectUri, scope: client.scope, state: randomState(),
    code_challenge: pkce.challenge, code_challenge_method: 'S256', extra: [['prompt', 'consent']],
  });
  const origin = new URL(endpoint).origin;
  const jar = new Map<string, string>();
  for (let hop = 0; hop < 6; hop++) {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await ctx.http.send({ url, headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
    for (const line of (res.headers['set-cookie'] ?? '').split('\n')) {
      const m = /^\s*([^=;\s]+)=([^;]*)/.exec(line);
      if (m) jar.set(m[1] as string, m[2] as string);
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin !== origin) break;
      url = next.toString();
      continue;
    }
    if (res.status === 200 && /text\/html/i.test(res.headers['content-type'] ?? '')) return { url, res };
    break;
  }
  throw new PropertySkip('the authorization request (prompt=consent) reached no consent or login page on the server\'s origin: nothing to judge');
}

const az3: ConformanceProperty = {
  id: 'AZ-3',
  needs: ['public'],
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(null), async () => {
      const { url, res } = await approvalPage(ctx);
      const xfo = (res.headers['x-frame-options'] ?? '').trim().toUpperCase();
      const csp = res.headers['content-security-policy'] ?? '';
      const ancestors = /(?:^|;)\s*frame-ancestors\s+([^;]*)/i.exec(csp)?.[1]?.trim().split(/\s+/) ?? [];
      const cspRefuses = ancestors.length > 0 && ancestors.every((s) => s === "'none'" || s === "'self'");
      // RFC 9700 §4.16: authorization servers MUST prevent clickjacking.
      check(cspRefuses || xfo === 'DENY' || xfo === 'SAMEORIGIN', () => `the page at ${url} can be framed: X-Frame-Options ${JSON.stringify(res.headers['x-frame-options'] ?? null)}, Content-Security-Policy ${JSON.stringify(csp || null)} (RFC 9700 §4.16)`);
    });
  },
};

/** Policies that never send a page's path and query to another origin. */
const SAFE_REFERRER = new Set(['no-referrer', 'same-origin', 'origin', 'strict-origin', 'strict-origin-when-cross-origin', 'origin-when-cross-origin']);

const az4: ConformanceProperty = {
  id: 'AZ-4',
  needs: ['public'],
  runs: 1,
  property(ctx) {
    return ctx.forAll(fc.constant(null), async () => {
      const { url, res } = await approvalPage(ctx);
      // The last policy a browser understands wins (Referrer Policy §8.1); a meta element counts too.
      const header = (res.headers['referrer-policy'] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean).pop();
      const meta = /<meta[^>]+name=["']?referrer["']?[^>]*content=["']?([a-z-]+)/i.exec(res.text)?.[1]?.toLowerCase();
      const policy = header ?? meta;
      check(policy !== undefined && SAFE_REFERRER.has(policy), () => `the page at ${url} sends Referrer-Policy ${JSON.stringify(policy ?? null)}: its URL can reach other origins as a referrer (RFC 9700 §4.2.4)`);
    });
  },
};

/** The site a forged approval is posted from. */
const ELSEWHERE = 'https://attacker.authprobe.example';

/**
 * How the page elsewhere's browser announces it: with fetch metadata (every current browser), or
 * with Origin alone (browsers before Sec-Fetch-Site), where the Origin check must decide.
 */
const CROSS_SITE = ['with Sec-Fetch-Site', 'with Origin alone'] as const;

const az5: ConformanceProperty = {
  id: 'AZ-5',
  needs: ['public'],
  runs: 2,
  skipIf: (ctx) => (ctx.target.endpoints.authorization_endpoint ? undefined : 'the target has no authorization_endpoint (metadata or endpoints override)'),
  property(ctx) {
    const client = publicClient(ctx.target);
    const control = positiveControls();
    const origin = new URL(ctx.target.endpoints.authorization_endpoint as string).origin;
    // prompt=consent asks for the consent page even where the server would skip it (OpenID Connect Core §3.1.2.1).
    const request = () => {
      const pkce = pkcePair();
      return {
        client_id: client.id, redirect_uri: client.redirectUri, scope: client.scope, state: randomState(),
        code_challenge: pkce.challenge, code_challenge_method: 'S256', extra: [['prompt', 'consent']] as Array<[string, string]>,
      };
    };
    /** Every POST as the server's own page sends it. */
    const ownPage: PostPolicy = (_i, post) => ({ ...post, headers: { ...post.headers, ...formPostFrom(origin, true) } });
    /** Which of the flow's POSTs approves: the last one of the granted control. */
    let approval = -1;

    /** The approval a page elsewhere can obtain: its own authorization request's, stopped before it is posted. */
    async function foreignApproval(): Promise<FormPost> {
      try {
        const f = await consentFlow(ctx, request(), (i, post, site) => {
          if (i === approval) throw new PostCaptured(post);
          return ownPage(i, post, site);
        });
        return fail(`a second authorization request for ${client.id} ended after ${f.posts.length} form posts, before the approval the first one posted (${f.refused ?? f.callback?.toString()})`);
      } catch (err) {
        if (err instanceof PostCaptured) return err.post;
        throw err;
      }
    }

    return ctx.forAll(fc.shuffledSubarray([...CROSS_SITE], { minLength: CROSS_SITE.length }), async (variants) => {
      await control(`${client.id}'s consent approved from the server's own page`, 'the same approval posted by a page on another site', async () => {
        let flow;
        try {
          flow = await consentFlow(ctx, request(), ownPage);
        } catch (err) {
          if (err instanceof NoApprovalForm) throw new PropertySkip(`no consent form to post: ${err.message}`);
          throw err;
        }
        const code = codeOf(flow);
        if (code && flow.posts.length === 0)
          throw new PropertySkip('the authorization request (prompt=consent) was answered with a code and no form to post: the target shows no consent page, so there is no approval to forge');
        check(code, () => `the approval posted from ${origin} issued no code: ${flow.refused ?? `callback ${flow.callback?.toString() ?? '(none)'}`}`);
        approval = flow.posts.length - 1;
      });
      const findings = new CaseFindings();
      for (const variant of variants) await findings.attempt(async () => {
        const foreign = await foreignApproval();
        // The one difference from the control: the approval comes from a page on another site,
        // so it carries that site's Origin, the cookies a browser sends cross-site, and the form
        // values that site can get for itself (its own request's); the values on the user's page
        // cannot be read across origins.
        const flow = await consentFlow(ctx, request(), (i, post, site) => {
          if (i !== approval) return ownPage(i, post, site);
          const { cookie: _dropped, ...rest } = post.headers;
          const headers: Record<string, string> = { ...rest, ...formPostFrom(ELSEWHERE, false) };
          if (variant === 'with Origin alone') for (const h of Object.keys(headers)) if (h.startsWith('sec-fetch-')) delete headers[h];
          // The cookies the driver chose for its own page's URL, less those a browser keeps from a
          // cross-site POST: at least what a browser sends to the forged URL.
          const cookie = site.crossSiteCookies(post.headers.cookie);
          if (cookie) headers.cookie = cookie;
          return { url: foreign.url, headers, body: foreign.body };
        });
        const code = codeOf(flow);
        // RFC 6749 §10.12: the authorization server MUST implement CSRF protection for its
        // authorization endpoint; no authorization without the resource owner's awareness.
        check(!code, () => `an approval posted to ${foreign.url} (${foreign.body.slice(0, 160)}) by a page on ${ELSEWHERE} (${variant}, ${flow.posts[approval]?.headers.cookie ? `cookie ${JSON.stringify(flow.posts[approval]?.headers.cookie)}` : 'no cookie'}) was honoured: a code came back at ${flow.callback?.toString()} (RFC 6749 §10.12)`, Severity.granted);
      });
      findings.settle();
    });
  },
};

export const AZ = areaSuite('AZ', { 'AZ-1': az1, 'AZ-2': az2, 'AZ-3': az3, 'AZ-4': az4, 'AZ-5': az5 });
