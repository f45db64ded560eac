/**
 * REG — the application registration API (public-clients; RFC 8252 §7, §8.4; RFC 6749 §3.1.2):
 * POST {application: {name, client_type, redirect_uris, allowed_scopes}} with a bearer credential.
 */
import fc from 'fast-check';
import type { HttpResponse } from './http/client.js';
import { positiveControls, type PositiveControls } from './oauth/baseline.js';
import { check, evidence } from './runner/failure.js';
import { areaSuite } from './runner/area.js';
import type { ConformanceProperty, PropertyContext } from './runner/types.js';

function register(ctx: PropertyContext, application: Record<string, unknown>, authorization?: string | null): Promise<HttpResponse> {
  const reg = ctx.target.spec.registration;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const auth = authorization === undefined ? `Bearer ${reg?.bearer ?? ''}` : authorization;
  if (auth !== null) headers.authorization = auth;
  return ctx.http.send({ method: 'POST', url: ctx.target.endpoints.registration_endpoint as string, headers, body: JSON.stringify({ application }) });
}

const app = (client_type: string, redirect_uris: string[]) => ({ name: 'authprobe probe', client_type, redirect_uris, allowed_scopes: ['openid'] });

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

function registered(res: HttpResponse): boolean {
  return (res.status === 200 || res.status === 201) && typeof (res.json as { client_id?: unknown } | undefined)?.client_id === 'string';
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

export const REG = areaSuite('REG', { 'REG-1': reg1, 'REG-2': reg2, 'REG-3': reg3, 'REG-4': reg4, 'REG-5': reg5, 'REG-6': reg6 });
