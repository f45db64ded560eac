import { expect } from 'vitest';
import { scenarios, test } from 'authprobe/fixtures';
import { DesktopSecrets, SecretsError } from '../src/desktop-secrets.js';

const env = { GITHUB_TOKEN: 'op://Private/GitHub/password', REGION: 'eu-west-1' };

test('DSK-1: resolves op:// references once the app approves', async ({ desktopSocket }) => {
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  expect(await secrets.resolveEnv(env)).toEqual({ GITHUB_TOKEN: 'demo-github-password', REGION: 'eu-west-1' });
  await secrets.close();
});

test('DSK-3: the user denies the prompt', async ({ desktopSocket, control }) => {
  await scenarios.userDeniesPrompt(control);
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  await expect(secrets.resolveEnv(env)).rejects.toMatchObject({ code: 'denied' });
});

test('DSK-6: after the app is locked, the next call asks again', async ({ desktopSocket, control }) => {
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  await secrets.resolveEnv(env);
  await scenarios.appLocked(control);
  await scenarios.userDeniesPrompt(control);
  await expect(secrets.resolveEnv(env)).rejects.toMatchObject({ code: 'denied' });
});

test('DSK-5: an idle session ends after 10 minutes; the tool re-inits and carries on', async ({ desktopSocket, clock, control }) => {
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  await secrets.resolveEnv(env);
  clock.advance(11 * 60);
  expect((await secrets.resolveEnv(env)).GITHUB_TOKEN).toBe('demo-github-password');
  expect((await control.desktop.state()).sessions).toBe(1);
});

test('DSK-9: a dropped connection is retried once', async ({ desktopSocket, control }) => {
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  await secrets.resolveEnv(env);
  await scenarios.connectionDrops(control, { times: 1 });
  expect((await secrets.resolveEnv(env)).GITHUB_TOKEN).toBe('demo-github-password');
  await scenarios.connectionDrops(control, { times: 2 });
  const err = await secrets.resolveEnv(env).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(SecretsError);
  expect((err as SecretsError).code).toBe('app-not-running');
});

test('DSK-8: integration turned off in the app', async ({ desktopSocket, control }) => {
  await control.desktop.setIntegration(false);
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  await expect(secrets.resolveEnv(env)).rejects.toMatchObject({ code: 'integration-off' });
});

test('DSK-1: a test can play the user and answer the prompt itself', async ({ desktopSocket, control }) => {
  await control.desktop.setPolicy('manual');
  const secrets = new DesktopSecrets({ socketPath: desktopSocket, account: 'Demo Account' });
  const resolving = secrets.resolveEnv(env);
  const prompt = await control.desktop.answerNextPrompt('approve');
  expect(prompt).toMatchObject({ status: 'approved' });
  expect((await resolving).GITHUB_TOKEN).toBe('demo-github-password');
});
