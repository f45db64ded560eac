/**
 * The sloppy client against `authprobe serve`: one run per CL requirement, each differing from
 * the good run in exactly one respect, and the client report names that requirement, and only
 * that one, as broken. The good run, alone and under each adversarial scenario, breaks none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidenceOf, idsWith, verdictsOf } from './client-report.js';
import { armAdversary, type Adversary } from './adversaries.js';
import { publicClient, REDIRECT_URI, startServe, type ServeProcess } from './serve-process.js';
import { MISTAKES, sloppyRun, type Mistake, type Slip, type SloppyRunOutcome } from './sloppy.js';

/** The scenario each of CL-15..20 needs: the mock's adversarial answer that the client must survive. */
const SCENARIO: Partial<Record<Mistake, Adversary>> = {
  'CL-15': 'wrong-state',
  'CL-16': 'wrong-iss',
  'CL-17': 'missing-iss',
  'CL-18': 'foreign-code',
  'CL-19': 'refresh-invalid-grant',
  'CL-20': 'no-new-refresh-token',
};
/** The SHOULDs (specs/cl.ts): breaking one is a warning, not a failure. */
const SHOULD: Mistake[] = ['CL-5', 'CL-6', 'CL-16', 'CL-17', 'CL-18', 'CL-19'];
const IDS = Object.keys(MISTAKES) as Mistake[];

const clientIdFor = (run: string) => `sloppy-${run.toLowerCase()}`;

let serve: ServeProcess;
beforeAll(async () => {
  const runs = ['good', 'empty-client-secret', 'params-in-url-only', ...IDS, ...Object.values(SCENARIO).map((s) => `good-${s}`)];
  serve = await startServe({ clients: runs.map((r) => publicClient(clientIdFor(r))) });
}, 120_000);
afterAll(async () => {
  await serve?.remove();
});

async function run(name: string, mistake: Mistake | Slip | undefined, adversary?: Adversary): Promise<SloppyRunOutcome> {
  const clientId = clientIdFor(name);
  if (adversary) await armAdversary(serve.issuer, adversary, clientId);
  return sloppyRun({ issuer: serve.issuer, clientId, redirectUri: REDIRECT_URI, mistake });
}

describe('the sloppy client, good run', () => {
  it('completes two sign-ins and two refreshes, and every CL requirement it shows passes (CL-1..14 observed, none failed or warned)', async () => {
    const outcome = await run('good', undefined);
    expect(outcome.stoppedBecause, outcome.steps.join('\n')).toBeUndefined();
    const verdicts = await verdictsOf(serve.issuer, clientIdFor('good'));
    expect([...idsWith(verdicts, 'fail'), ...idsWith(verdicts, 'warn')], await evidenceOf(serve.issuer, clientIdFor('good'))).toEqual([]);
    for (const id of IDS.filter((i) => !SCENARIO[i])) expect(verdicts[id], id).toBe('pass');
  });

  for (const [id, adversary] of Object.entries(SCENARIO)) {
    it(`${id} pass: under scenario ${adversary} the good run does what it must, and breaks nothing`, async () => {
      const name = `good-${adversary}`;
      await run(name, undefined, adversary);
      const verdicts = await verdictsOf(serve.issuer, clientIdFor(name));
      expect([...idsWith(verdicts, 'fail'), ...idsWith(verdicts, 'warn')], await evidenceOf(serve.issuer, clientIdFor(name))).toEqual([]);
      expect(verdicts[id]).toBe('pass');
    });
  }
});

describe('the sloppy client, one mistake per run', () => {
  for (const id of IDS) {
    const status = SHOULD.includes(id) ? 'warn' : 'fail';
    it(`${id} ${status}: ${MISTAKES[id]}; no other requirement fails or warns`, async () => {
      const outcome = await run(id, id, SCENARIO[id]);
      // CL-14's placeholder is reported under the id the client sent.
      const reported = id === 'CL-14' ? 'REPLACE_ME' : clientIdFor(id);
      const verdicts = await verdictsOf(serve.issuer, reported);
      const evidence = `${outcome.steps.join('\n')}\n${await evidenceOf(serve.issuer, reported)}`;
      expect(verdicts[id], evidence).toBe(status);
      expect(idsWith(verdicts, 'fail'), evidence).toEqual(status === 'fail' ? [id] : []);
      expect(idsWith(verdicts, 'warn'), evidence).toEqual(status === 'warn' ? [id] : []);
    });
  }

  it('CL-13 fail: the first refresh sends all its parameters in the URL query and an empty body (axios `params`); the mock refuses it, and the report names CL-13 only', async () => {
    const outcome = await run('params-in-url-only', 'params-in-url-only');
    expect(outcome.stoppedBecause, outcome.steps.join('\n')).toMatch(/^refresh 1: refused \(invalid_request\)/);
    const verdicts = await verdictsOf(serve.issuer, clientIdFor('params-in-url-only'));
    const evidence = `${outcome.steps.join('\n')}\n${await evidenceOf(serve.issuer, clientIdFor('params-in-url-only'))}`;
    expect(verdicts['CL-13'], evidence).toBe('fail');
    expect([...idsWith(verdicts, 'fail'), ...idsWith(verdicts, 'warn')], evidence).toEqual(['CL-13']);
  });

  it('CL-10 warn: an empty client_secret= is treated as omitted (RFC 6749 §3.2), so the flow completes and the report warns', async () => {
    const outcome = await run('empty-client-secret', 'empty-client-secret');
    expect(outcome.stoppedBecause, outcome.steps.join('\n')).toBeUndefined();
    const verdicts = await verdictsOf(serve.issuer, clientIdFor('empty-client-secret'));
    expect(verdicts['CL-10']).toBe('warn');
    expect(idsWith(verdicts, 'fail'), await evidenceOf(serve.issuer, clientIdFor('empty-client-secret'))).toEqual([]);
  });
});
