/**
 * docs/client-testing.md's vitest example, run: a client project's own tests start the mock with
 * `createAuthprobeTest`, drive their client, and fail on a client mistake, by
 * `expectClientConformant(clientId)` or after every test (`failOnClientMistakes`). "My client"
 * is the careful mode of examples/clients/sloppy.ts; the last tests show the failure a broken
 * MUST gives, with its ID, and that a broken SHOULD only warns.
 */
import { expect } from 'vitest';
import { createAuthprobeTest, expectClientConformant, scenarios } from '../../fixtures/index.js';
import { carefulRun as myClientSignsInAndRefreshes, sloppyRun } from './sloppy.js';

const test = createAuthprobeTest({ desktop: false, failOnClientMistakes: ['demo-public'] });

test('my client signs in and refreshes without a client mistake', async ({ issuer, clients }) => {
  const outcome = await myClientSignsInAndRefreshes({ issuer, clientId: clients.public.client_id, redirectUri: 'http://127.0.0.1:8765/callback' });
  expect(outcome.stoppedBecause).toBeUndefined();
  await expectClientConformant(clients.public.client_id);
});

test('CL-16: my client refuses an authorization response from a mixed-up issuer', async ({ issuer, clients, control }) => {
  await scenarios.wrongIssuer(control, { clientId: clients.public.client_id });
  const outcome = await myClientSignsInAndRefreshes({ issuer, clientId: clients.public.client_id, redirectUri: 'http://127.0.0.1:8765/callback' });
  expect(outcome.stoppedBecause).toMatch(/iss/);
  const verdicts = await expectClientConformant(clients.public.client_id);
  expect(verdicts.find((v) => v.id === 'CL-16')?.status).toBe('pass');
});

test('CL-1: a client that sends no PKCE fails expectClientConformant with the ID and the evidence', async ({ issuer, clients, control }) => {
  const clientId = clients.public2.client_id;
  await control.clearClientReport(); // the file's tests share one mock
  await sloppyRun({ issuer, clientId, redirectUri: 'https://app2.example.com/callback', mistake: 'CL-1' });
  await expect(expectClientConformant(clientId)).rejects.toThrow(
    "client 'demo-public-2' broke 1 client requirement(s):\n  CL-1 fail (MUST): The authorization request carries a code_challenge.\n      authorization request without code_challenge (PKCE not used)",
  );
});

test('CL-6: a client that sends no state but PKCE S256 is conformant (CL-6 is a SHOULD: a warning), and fails only with strict', async ({ issuer, clients, control }) => {
  const clientId = clients.public2.client_id;
  await control.clearClientReport();
  await sloppyRun({ issuer, clientId, redirectUri: 'https://app2.example.com/callback', mistake: 'CL-6' });
  const verdicts = await expectClientConformant(clientId);
  expect(verdicts.find((v) => v.id === 'CL-6')?.status).toBe('warn');
  await expect(expectClientConformant(clientId, { strict: true })).rejects.toThrow(/CL-6 warn \(SHOULD\)[\s\S]*only PKCE binds the response/);
});
