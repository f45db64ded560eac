import { expect } from 'vitest';
import { AuthorizationDenied, LostConnectionToApp, scenarios, test } from 'authprobe/fixtures';

// The fixture's `desktop` is an SDK-like client on the mock app's socket, closed after the test.
test('DSK-1: the SDK-like client lists vaults and reads a field', async ({ desktop }) => {
  await desktop.init({ account_name: 'Demo Account', integrationName: 'example', integrationVersion: '1.0.0' });
  expect((await desktop.vaultsList()).map((v) => v.title)).toEqual(['Private', 'Shared']);
  expect(await desktop.resolveSecret('op://Shared/Database/password')).toBe('demo-database-password');
});

test('DSK-3: denial and dropped connections are typed errors', async ({ desktop, control }) => {
  await scenarios.userDeniesPrompt(control);
  const config = { account_name: 'Demo Account', integrationName: 'example', integrationVersion: '1.0.0' };
  await expect(desktop.init(config)).rejects.toBeInstanceOf(AuthorizationDenied);
  await scenarios.connectionDrops(control);
  await expect(desktop.init(config)).rejects.toBeInstanceOf(LostConnectionToApp);
});
