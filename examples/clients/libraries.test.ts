/**
 * Four OAuth client libraries from the npm registry, each used the way its own documentation
 * shows, complete authorization code + PKCE + token + one refresh against `authprobe serve`;
 * then the mock's client report (GET /_mock/client-report) says what it saw of each, plainly and
 * under each adversarial scenario. The verdicts asserted are the ones observed, kept with their
 * reasons in library-verdicts.ts (each non-pass explained in the test title); docs/client-testing.md's
 * table is checked against the same module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { armAdversary, type Adversary } from './adversaries.js';
import { evidenceOf, idsWith, verdictsOf, type ClientReport } from './client-report.js';
import { rotated } from './code-flow.js';
import { ADVERSARIES, LIBRARIES, SCENARIO_IDS, type Library } from './library-verdicts.js';
import { publicClient, REDIRECT_URI, startServe, type ServeProcess } from './serve-process.js';

let serve: ServeProcess;

const adversaryClientId = (lib: Library, adversary: Adversary) => `${lib.clientId}-${adversary}`;

beforeAll(async () => {
  const clients = LIBRARIES.flatMap((l) => [l.clientId, ...Object.keys(ADVERSARIES).map((a) => adversaryClientId(l, a as Adversary))]);
  serve = await startServe({ clients: clients.map((id) => publicClient(id)), clientReport: true });
}, 120_000);

afterAll(async () => {
  await serve?.remove();
});

describe.each(LIBRARIES)('$name against authprobe serve', (lib) => {
  const options = () => ({ issuer: serve.issuer, clientId: lib.clientId, redirectUri: REDIRECT_URI, scope: 'openid profile offline_access' });

  it('CL-1..CL-4, CL-9, CL-12: completes authorization code + PKCE S256 + token + one refresh, and the refresh rotates the token', async () => {
    const run = await lib.codeFlowWithRefresh(options());
    expect(run.first.accessToken).toBeTypeOf('string');
    expect(run.refreshed.accessToken).not.toBe(run.first.accessToken);
    expect(rotated(run)).toBe(true);
  });

  const explained = Object.entries(lib.expected).map(([id, e]) => `${id} ${e.status}: ${e.why}`).join('; ');
  it(`the client report: ${explained || 'every observed CL requirement passes'}; the scenario IDs (CL-15..20) not observed`, async () => {
    const verdicts = await verdictsOf(serve.issuer, lib.clientId);
    const unexpected = Object.entries(verdicts)
      .filter(([id, status]) => !SCENARIO_IDS.includes(id) && status !== 'not-observed' && status !== (lib.expected[id]?.status ?? 'pass'))
      .map(([id, status]) => `${id} ${status}`);
    expect(unexpected, await evidenceOf(serve.issuer, lib.clientId)).toEqual([]);
    for (const [id, e] of Object.entries(lib.expected)) expect(verdicts[id], `${id}: ${e.why}`).toBe(e.status);
    for (const id of SCENARIO_IDS) expect(verdicts[id], id).toBe('not-observed');
    // What every library does right, whatever else: PKCE S256 with a verifier of the right form, redirect_uri kept, nothing in the URL.
    for (const id of ['CL-1', 'CL-2', 'CL-3', 'CL-4', 'CL-9', 'CL-11', 'CL-13', 'CL-14']) expect(verdicts[id], id).toBe('pass');
  });
});

describe.each(LIBRARIES)('$name under the adversarial scenarios', (lib) => {
  for (const [adversary, id] of Object.entries(ADVERSARIES) as [Adversary, string][]) {
    const expected = lib.survives[adversary];
    it(`${id} ${expected.status} under ${adversary}: ${expected.why}`, async () => {
      const clientId = adversaryClientId(lib, adversary);
      await armAdversary(serve.issuer, adversary, clientId);
      // The flow may end in the library's refusal: that is what the scenario asks of it.
      const error = await lib.codeFlowWithRefresh({ issuer: serve.issuer, clientId, redirectUri: REDIRECT_URI, scope: 'openid profile offline_access', refreshes: 2 })
        .then(() => undefined, (err: Error) => err.message);
      const verdicts = await verdictsOf(serve.issuer, clientId);
      expect(verdicts[id], `${error ?? 'the flow completed'}\n${await evidenceOf(serve.issuer, clientId)}`).toBe(expected.status);
      // Nothing else is broken beyond the plain run's findings (which a flow that stops early may not reach).
      const others = idsWith(verdicts, 'fail').concat(idsWith(verdicts, 'warn')).filter((i) => i !== id && !(i in lib.expected));
      expect(others).toEqual([]);
    });
  }
});

describe('authprobe serve --client-report', () => {
  it('CL-1..CL-20: writes the report of the four libraries on exit (JSON, JUnit XML, HTML), the same verdicts as GET /_mock/client-report', async () => {
    const live = await verdictsOf(serve.issuer, 'simple-oauth2-app');
    expect(await serve.stop()).toBe(0);
    const file = serve.clientReportFile as string;
    const written = JSON.parse(readFileSync(file, 'utf8')) as ClientReport;
    for (const lib of LIBRARIES) expect(written.clients.map((c) => c.clientId)).toContain(lib.clientId);
    const simple = written.clients.find((c) => c.clientId === 'simple-oauth2-app');
    expect(Object.fromEntries((simple?.verdicts ?? []).map((v) => [v.id, v.status]))).toEqual(live);
    expect(existsSync(file.replace(/\.json$/, '.xml')) && existsSync(file.replace(/\.json$/, '.html'))).toBe(true);
  });
});
