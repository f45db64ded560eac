/**
 * REG — the application registration API (public-clients; RFC 8252 §7, §8.4; RFC 6749 §3.1.2):
 * POST {application: {name, client_type, redirect_uris, allowed_scopes}} with a bearer credential.
 */
import fc from 'fast-check';
import { positiveControls, type PositiveControls } from './oauth/baseline.js';
import { reg10 } from './reg-api.js';
import { app, register, registered, refusesEachUri, type UriCase } from './reg-http.js';
import { check, evidence } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

const label = fc.stringMatching(/^[a-z][a-z0-9]{1,9}$/);
const pathArb = fc.array(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), { minLength: 0, maxLength: 3 }).map((s) => `/${s.join('/')}`);
const port = fc.integer({ min: 1024, max: 65535 });

/** RFC 8252 §7: https, loopback http (with or without a port) and reverse-DNS private-use schemes. */
const httpsUri = fc.tuple(label, pathArb).map(([h, p]) => `https://${h}.example.com${p}`);
const loopbackUri = fc
  .tuple(fc.constantFrom('localhost', '127.0.0.1', '[::1]'), fc.option(port, { nil: undefined }), pathArb)
  .map(([h, n, p]) => `http://${h}${n ? `:${n}` : ''}${p}`);
const privateSchemeUri = fc.tuple(label, label, pathArb).map(([a, b, p]) => `com.${a}.${b}:${p}`);

function acceptableUri(): fc.Arbitrary<string> {
  return fc.oneof(httpsUri, loopbackUri, privateSchemeUri);
}

/** A generated plaintext URI and every look-alike of a loopback or private one, in every value. */
function plaintextUris(): fc.Arbitrary<string[]> {
  return fc
    .tuple(label, pathArb)
    .map(([h, p]) => [`http://${h}.example.com${p}`, 'http://10.0.0.1/cb', 'http://192.168.1.10:8080/cb', 'http://localhost.evil.example/cb', 'http://127.0.0.1.nip.io/cb', 'http://example.com/callback']);
}

function invalidUris(): fc.Arbitrary<Array<{ kind: string; uri: string }>> {
  return fc.tuple(
    fc.tuple(acceptableUri(), fc.stringMatching(/^[A-Za-z0-9]{0,8}$/)).map(([u, f]) => ({ kind: 'fragment', uri: `${u}#${f}` })),
    pathArb.map((p) => ({ kind: 'relative', uri: p })),
    label.map((l) => ({ kind: 'relative', uri: `${l}/callback` })),
    label.map((l) => ({ kind: 'scheme-relative', uri: `//${l}.example.com/cb` })),
    fc.constantFrom('https://', 'http://', ':::', 'https://exa mple.com/cb', '').map((u) => ({ kind: 'unparsable', uri: u })),
  );
}

/** The same registration with an https redirect URI and the right credential succeeds. */
function registrationGranted(ctx: PropertyContext, control: PositiveControls, refusal: string): Promise<void> {
  const uri = 'https://authprobe-control.example.com/cb';
  return control(`registering a public client with redirect URI ${uri} and the registration credential`, refusal, async () => {
    const res = await register(ctx, app('public', [uri]));
    check(registered(res), () => `registering it answered ${evidence(res)}`);
  });
}

const reg1: ConformanceProperty = {
  id: 'REG-1',
  needs: ['registration'],
  runs: 6,
  property(ctx) {
    // One URI of each kind per run, so that refusing a whole kind cannot slip through.
    return ctx.forAll(fc.tuple(httpsUri, loopbackUri, privateSchemeUri), async (uris) => {
      for (const uri of uris) {
        const res = await register(ctx, app('public', [uri]));
        check(registered(res), () => `registering redirect URI ${uri} was refused: ${evidence(res)}`);
      }
    });
  },
};

const reg2: ConformanceProperty = {
  id: 'REG-2',
  needs: ['registration'],
  runs: 2,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(plaintextUris(), async (uris) => {
      await registrationGranted(ctx, control, 'plaintext redirect URIs');
      for (const uri of uris) {
        const res = await register(ctx, app('public', [uri]));
        check(!registered(res) && res.status >= 400 && res.status < 500, () => `plaintext non-loopback redirect URI ${uri} was not refused: ${evidence(res)}`);
      }
    });
  },
};

const reg3: ConformanceProperty = {
  id: 'REG-3',
  needs: ['registration'],
  runs: 5,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(invalidUris(), async (cases) => {
      await registrationGranted(ctx, control, 'invalid redirect URIs');
      for (const { kind, uri } of cases) {
        const res = await register(ctx, app('public', [uri]));
        check(!registered(res) && res.status >= 400 && res.status < 500, () => `${kind} redirect URI ${JSON.stringify(uri)} was not refused: ${evidence(res)}`);
      }
    });
  },
};

const reg4: ConformanceProperty = {
  id: 'REG-4',
  needs: ['registration'],
  runs: 3,
  property(ctx) {
    return ctx.forAll(acceptableUri(), async (uri) => {
      const res = await register(ctx, app('public', [uri]));
      check(registered(res), () => `registering a public client was refused: ${evidence(res)}`);
      const json = res.json as Record<string, unknown>;
      check(json.client_secret === undefined, () => `a public client was issued a client_secret: ${evidence(res)}`);
      check(json.token_endpoint_auth_method === 'none', () => `a public client has token_endpoint_auth_method ${JSON.stringify(json.token_endpoint_auth_method)}, expected "none"`);
    });
  },
};

const reg5: ConformanceProperty = {
  id: 'REG-5',
  needs: ['registration'],
  runs: 2,
  property(ctx) {
    // Both client types with both methods in every run, in a generated order.
    const all = (['public', 'confidential'] as const).flatMap((from) => (['PATCH', 'PUT'] as const).map((method) => ({ from, method })));
    return ctx.forAll(fc.shuffledSubarray(all, { minLength: all.length }), async (cases) => {
      for (const { from, method } of cases) {
        const to = from === 'public' ? 'confidential' : 'public';
        const created = await register(ctx, app(from, ['https://reg5.example.com/cb']));
        check(registered(created), () => `registering a ${from} client was refused: ${evidence(created)}`);
        const id = (created.json as { client_id: string }).client_id;
        const url = `${ctx.target.endpoints.registration_endpoint}/${encodeURIComponent(id)}`;
        const headers = { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${ctx.target.spec.registration?.bearer ?? ''}` };
        const update = await ctx.http.send({ method, url, headers, body: JSON.stringify({ application: { ...app(to, ['https://reg5.example.com/cb']) } }) });
        if (update.status >= 200 && update.status < 300) {
          const type = (update.json as { client_type?: unknown } | undefined)?.client_type;
          check(type === from, () => `${method} changing client_type ${from} -> ${to} answered ${evidence(update)}`);
        }
        const read = await ctx.http.send({ url, headers });
        const type = (read.json as { client_type?: unknown } | undefined)?.client_type;
        check(read.status !== 200 || type === from, () => `after ${method} asking for ${to}, the client reads back as ${JSON.stringify(type)} (registered ${from})`);
      }
    });
  },
};

const reg6: ConformanceProperty = {
  id: 'REG-6',
  needs: ['registration'],
  runs: 2,
  property(ctx) {
    const bearer = ctx.target.spec.registration?.bearer ?? '';
    // Every wrong credential in every run (a generated random bearer among them).
    const creds = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/).map((random) => [
      { kind: 'no Authorization', value: null as string | null },
      { kind: 'a random bearer', value: `Bearer ${random}` },
      { kind: 'an empty bearer', value: 'Bearer ' },
      { kind: 'the credential as Basic', value: `Basic ${Buffer.from(`x:${bearer}`).toString('base64')}` },
      { kind: 'the credential with a character dropped', value: `Bearer ${bearer.slice(0, -1)}` },
    ]);
    const control = positiveControls();
    return ctx.forAll(creds, async (list) => {
      await registrationGranted(ctx, control, 'wrong credentials');
      for (const { kind, value } of list) {
        const res = await register(ctx, app('public', ['https://reg6.example.com/cb']), value);
        check(res.status === 401, () => `registration with ${kind} answered ${evidence(res)}, expected 401`);
      }
    });
  },
};

/**
 * REG-7: strings that are not URIs (RFC 3986 §2: no control characters, no spaces; a non-ASCII
 * character needs a UTF-8 form to be percent-encoded, a non-ASCII host an IDNA form, RFC 3987
 * §3.1). RFC 6749 §3.1.2: the redirection endpoint MUST be an absolute URI. A WHATWG-style
 * parser percent-encodes a space in the path and an unpaired surrogate, so parsing alone
 * refuses neither. A space inside a JSON string is part of the value, not the line-breaking
 * layout RFC 3986 Appendix C lets a reader drop; TAB, LF and CR are left out all the same, since
 * WHATWG parsers strip them silently.
 */
const REG7_BASE = 'https://reg7.example.com/callback';
const REG7_CASES: readonly UriCase[] = [
  { kind: 'NUL in the path', accepted: REG7_BASE, refused: 'https://reg7.example.com/call\u0000back' },
  { kind: 'US (0x1F) in the path', accepted: REG7_BASE, refused: 'https://reg7.example.com/call\u001fback' },
  { kind: 'DEL in the query', accepted: `${REG7_BASE}?a=1`, refused: `${REG7_BASE}?a=1\u007f` },
  { kind: 'a space in the path', accepted: REG7_BASE, refused: 'https://reg7.example.com/call back' },
  { kind: 'a space in the query', accepted: `${REG7_BASE}?a=bc`, refused: `${REG7_BASE}?a=b c` },
  { kind: 'an unpaired surrogate (no UTF-8 form)', accepted: REG7_BASE, refused: `${REG7_BASE}\ud800` },
  { kind: 'a noncharacter host (no IDNA form)', accepted: 'com.example.reg7://app/callback', refused: 'com.example.reg7://\uffff/callback' },
];
const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).filter((c) => !'\t\n\r'.includes(c)), '\u007f'];

const reg7: ConformanceProperty = {
  id: 'REG-7',
  needs: ['registration'],
  runs: 2,
  requestsPerRun: 20,
  property(ctx) {
    const control = positiveControls();
    // The fixed cases in every run, then a generated control character at a generated place.
    const generated = fc.tuple(httpsUri, fc.constantFrom(...CONTROLS), fc.nat()).map(([uri, c, at]): UriCase => {
      const i = 'https://'.length + (at % (uri.length - 'https://'.length + 1));
      return { kind: `control character U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, accepted: uri, refused: `${uri.slice(0, i)}${c}${uri.slice(i)}` };
    });
    return ctx.forAll(generated, (extra) => refusesEachUri(ctx, control, [...REG7_CASES, extra]));
  },
};

/**
 * REG-8: RFC 8252 §8.4, "At a minimum, any private-use URI scheme that doesn't contain a period
 * character (".") SHOULD be rejected" (§7.1: apps MUST use a reverse domain name). The second
 * fixed case is the public-clients document's own `myapp://` example, which §8.4 refuses.
 */
const NOT_PRIVATE_USE = new Set(['http', 'https', 'javascript', 'data', 'vbscript', 'file', 'about', 'blob']);
const bareScheme = label.filter((l) => !NOT_PRIVATE_USE.has(l));
const reg8: ConformanceProperty = {
  id: 'REG-8',
  needs: ['registration'],
  runs: 2,
  property(ctx) {
    const control = positiveControls();
    const cases = bareScheme.map((s): UriCase[] => [
      { kind: 'scheme without a period', accepted: 'com.example.myapp:/callback', refused: 'myapp:/callback' },
      { kind: 'scheme without a period', accepted: 'com.example.myapp://oauth/1pass/callback', refused: 'myapp://oauth/1pass/callback' },
      { kind: 'scheme without a period', accepted: `com.example.${s}:/cb`, refused: `${s}:/cb` },
    ]);
    return ctx.forAll(cases, (list) => refusesEachUri(ctx, control, list));
  },
};

/**
 * REG-9: public-clients allows https, loopback http and reverse-DNS custom schemes; these script
 * and local-file schemes are none of them (and would run in, or read from, the user agent that
 * follows the redirect). Schemes are case-insensitive (RFC 3986 §3.1).
 */
const REG9_ACCEPTED = 'https://reg9.example.com/callback';
const REG9_CASES: readonly UriCase[] = [
  { kind: 'javascript: scheme', accepted: REG9_ACCEPTED, refused: 'javascript:alert(document.domain)//' },
  { kind: 'javascript: scheme in mixed case', accepted: REG9_ACCEPTED, refused: 'JavaScript:alert(1)//' },
  { kind: 'data: scheme', accepted: REG9_ACCEPTED, refused: 'data:text/html,<script>alert(1)</script>' },
  { kind: 'vbscript: scheme', accepted: REG9_ACCEPTED, refused: 'vbscript:msgbox(1)' },
  { kind: 'file: scheme', accepted: REG9_ACCEPTED, refused: 'file:///etc/passwd' },
];
const reg9: ConformanceProperty = {
  id: 'REG-9',
  needs: ['registration'],
  runs: 1,
  property(ctx) {
    const control = positiveControls();
    return ctx.forAll(fc.constant(REG9_CASES), (cases) => refusesEachUri(ctx, control, cases));
  },
};

export const REG = areaSuite('REG', {
  'REG-1': reg1, 'REG-2': reg2, 'REG-3': reg3, 'REG-4': reg4, 'REG-5': reg5, 'REG-6': reg6,
  'REG-7': reg7, 'REG-8': reg8, 'REG-9': reg9, 'REG-10': reg10,
});
