import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HARD_LIMIT_MS, IDLE_LIMIT_MS } from '../../core/desktop/grant.js';
import { WORK_ACCOUNT_ID } from '../../core/desktop/vault.js';
import { initBody, startHarness, type DesktopHarness } from '../../testing/desktop-harness.js';

const MIN = 60_000;
let h: DesktopHarness;
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => { await h.close(); });

describe('desktop channel over the Unix socket', () => {
  it('DSK-1: no access until the user approves the prompt; then the client lists vaults and resolves op:// references', async () => {
    let settled = false;
    const pending = h.call('POST', '/v1/clients', initBody()).finally(() => { settled = true; });
    const [prompt] = await h.waitForPrompts(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled, 'init_client must be held while the prompt is open').toBe(false);
    expect((await h.control('GET', '/sessions')).body.sessions).toEqual([]);

    expect((await h.control('POST', `/prompts/${prompt.id}/approve`)).body.prompt.status).toBe('approved');
    const init = await pending;
    expect(init.status).toBe(201);
    expect(init.body.account).toEqual({ id: expect.any(String), name: 'Demo Account' });
    const id = init.body.clientId;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22,}$/);

    const vaults = await h.invoke(id, 'VaultsList');
    expect(vaults.body.result.map((v: any) => v.title)).toEqual(['Private', 'Shared']);
    const secret = await h.invoke(id, 'SecretsResolve', { secret_reference: 'op://Private/GitHub/password' });
    expect(secret.body).toEqual({ result: 'demo-github-password' });
  });

  it('DSK-1: the methods serve vaults, items and references by name or id, with the documented not-found errors', async () => {
    const id = await h.approvedClient();
    const vaults = (await h.invoke(id, 'VaultsList')).body.result;
    const privateId = vaults[0].id;
    expect((await h.invoke(id, 'VaultsGet', { vault_id: privateId })).body.result).toMatchObject({ title: 'Private', itemCount: 2 });
    const items = (await h.invoke(id, 'ItemsList', { vault_id: 'Private' })).body.result;
    expect(items.map((i: any) => i.title)).toEqual(['GitHub', 'AWS']);
    const item = (await h.invoke(id, 'ItemsGet', { vault_id: privateId, item_id: items[0].id })).body.result;
    expect(item.fields.find((f: any) => f.title === 'username').value).toBe('demo-user');
    expect((await h.invoke(id, 'SecretsResolve', { secret_reference: `op://${privateId}/${items[0].id}/password` })).body.result).toBe('demo-github-password');

    const notFound = async (ref: string) => (await h.invoke(id, 'SecretsResolve', { secret_reference: ref }));
    expect((await notFound('op://Nope/GitHub/password')).body.name).toBe('vaultNotFound');
    expect((await notFound('op://Private/Nope/password')).body.name).toBe('itemNotFound');
    expect((await notFound('op://Private/GitHub/nope')).body.name).toBe('fieldNotFound');
    const bad = await notFound('https://Private/GitHub');
    expect([bad.status, bad.body.name]).toEqual([400, 'invalidSecretReference']);

    const all = (await h.invoke(id, 'SecretsResolveAll', { secret_references: ['op://Shared/Database/password', 'op://Shared/Nope/x'] })).body.result;
    expect(all.individualResponses['op://Shared/Database/password'].content.secret).toBe('demo-database-password');
    expect(all.individualResponses['op://Shared/Nope/x'].error.type).toBe('itemNotFound');

    const unsupported = await h.invoke(id, 'ItemsArchive', { vault_id: 'Private', item_id: 'GitHub' });
    expect([unsupported.status, unsupported.body.name]).toEqual([400, 'UnsupportedMethod']);
    expect(unsupported.body.message).toContain('SecretsResolve');
  });

  it('DSK-2: the prompt states account, process (pid, executable), integration name and version, scope and duration', async () => {
    const pending = h.call('POST', '/v1/clients', initBody('Demo Account', 'Deploy Script'));
    const [prompt] = await h.waitForPrompts(1);
    expect(prompt.account.name).toBe('Demo Account');
    expect(prompt.process).toMatchObject({ pid: process.pid, identity_source: 'peer', executable: expect.any(String) });
    expect(prompt.process.start_time).toBeGreaterThan(0);
    expect(prompt.integration).toEqual({ name: 'Deploy Script', version: 'v1.0.0' });
    expect(prompt.scope).toBe('entire account');
    expect(prompt.duration).toMatchObject({ idle_seconds: 600, hard_limit_seconds: 43200 });
    expect(prompt.duration.description).toMatch(/10 minutes/);
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    await pending;
  });

  it('DSK-3: a denied prompt yields AuthorizationDenied and no session', async () => {
    const pending = h.call('POST', '/v1/clients', initBody());
    const [prompt] = await h.waitForPrompts(1);
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    const answer = await pending;
    expect([answer.status, answer.body.name]).toEqual([403, 'AuthorizationDenied']);
    expect((await h.control('GET', '/sessions')).body.sessions).toEqual([]);
    expect((await h.control('POST', `/prompts/${prompt.id}/approve`)).status).toBe(404);
  });

  it('DSK-3: an unanswered prompt times out by the clock with AuthorizationTimeout and no session', async () => {
    expect((await h.control('PUT', '/policy', { mode: 'manual', prompt_timeout_seconds: 30 })).body).toEqual({ mode: 'manual', prompt_timeout_seconds: 30, scope: 'process' });
    const pending = h.call('POST', '/v1/clients', initBody());
    await h.waitForPrompts(1);
    h.clock.advance(29_000);
    expect((await h.control('GET', '/prompts')).body.prompts).toHaveLength(1);
    h.clock.advance(1_000);
    const answer = await pending;
    expect([answer.status, answer.body.name]).toEqual([408, 'AuthorizationTimeout']);
    expect((await h.control('GET', '/prompts')).body.prompts).toEqual([]);
    expect((await h.control('GET', '/sessions')).body.sessions).toEqual([]);
  });

  it('DSK-3: policy deny refuses at once, policy approve grants at once', async () => {
    await h.control('POST', '/policy', { mode: 'deny' });
    const denied = await h.call('POST', '/v1/clients', initBody());
    expect(denied.body.name).toBe('AuthorizationDenied');
    await h.control('POST', '/policy', { mode: 'approve' });
    const approved = await h.call('POST', '/v1/clients', initBody());
    expect(approved.status).toBe(201);
    const events = (await h.control('GET', '/events/recent')).body.events.map((e: any) => e.type);
    expect(events).toEqual(expect.arrayContaining(['prompt', 'denial', 'approval']));
  });

  it('DSK-5: a session is valid at 9:59 without use and the use restarts the window; it has ended at 10:00', async () => {
    const id = await h.approvedClient();
    h.clock.advance(9 * MIN + 59_000);
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
    h.clock.advance(9 * MIN + 59_000); // 19:58 since approval, 9:59 since the last use
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
    h.clock.advance(IDLE_LIMIT_MS);
    const expired = await h.invoke(id, 'VaultsList');
    expect([expired.status, expired.body.name]).toEqual([401, 'DesktopSessionExpired']);
  });

  it('DSK-5: a fresh session has ended exactly 10:00 after approval, with an expiry event', async () => {
    const id = await h.approvedClient();
    h.clock.advance(IDLE_LIMIT_MS);
    expect((await h.invoke(id, 'VaultsList')).body.name).toBe('DesktopSessionExpired');
    const expiry = (await h.control('GET', '/events/recent')).body.events.find((e: any) => e.type === 'expiry');
    expect(expiry).toMatchObject({ reason: 'idle', session: { account: { name: 'Demo Account' } } });
    expect((await h.control('GET', '/sessions')).body.sessions).toEqual([]);
  });

  it('DSK-6: locking ends every session at once; unlocking does not revive them; a new init prompts again', async () => {
    const demo = await h.approvedClient('Demo Account');
    const work = await h.approvedClient('Work Account');
    expect((await h.control('GET', '/sessions')).body.sessions).toHaveLength(2);
    expect((await h.control('POST', '/lock')).body.locked).toBe(true);
    expect((await h.control('GET', '/sessions')).body.sessions).toEqual([]);
    for (const id of [demo, work]) expect((await h.invoke(id, 'VaultsList')).body.name).toBe('DesktopSessionExpired');
    expect((await h.control('POST', '/unlock')).body.locked).toBe(false);
    for (const id of [demo, work]) expect((await h.invoke(id, 'VaultsList')).body.name).toBe('DesktopSessionExpired');
    const again = await h.approvedClient('Demo Account');
    expect((await h.invoke(again, 'VaultsList')).status).toBe(200);
  });

  it('DSK-6: approving a prompt while the app is locked unlocks it', async () => {
    await h.control('POST', '/lock');
    const id = await h.approvedClient();
    expect((await h.control('GET', '/state')).body.locked).toBe(false);
    expect((await h.invoke(id, 'VaultsList')).status).toBe(200);
    const types = (await h.control('GET', '/events/recent')).body.events.map((e: any) => e.type);
    expect(types.slice(types.indexOf('lock'))).toEqual(expect.arrayContaining(['lock', 'prompt', 'unlock', 'approval']));
  });

  it('DSK-12: the 12-hour hard limit ends a session however active it is', async () => {
    const id = await h.approvedClient();
    let elapsed = 0;
    while (elapsed + 9 * MIN < HARD_LIMIT_MS) {
      h.clock.advance(9 * MIN);
      elapsed += 9 * MIN;
      expect((await h.invoke(id, 'VaultsList')).status, `use at ${elapsed / MIN} min`).toBe(200);
    }
    h.clock.advance(HARD_LIMIT_MS - elapsed); // under 10 idle minutes since the last use
    expect((await h.invoke(id, 'VaultsList')).body.name).toBe('DesktopSessionExpired');
    const expiry = (await h.control('GET', '/events/recent')).body.events.find((e: any) => e.type === 'expiry');
    expect(expiry.reason).toBe('hard_limit');
  });

  it('DSK-7: the account is chosen by name or UUID; an unknown name or UUID is AccountNotFound', async () => {
    const byName = await h.call('POST', '/v1/clients', initBody('No Such Account'));
    expect([byName.status, byName.body.name]).toEqual([404, 'AccountNotFound']);
    expect(byName.body.message).toContain('No Such Account');
    const byUuid = await h.call('POST', '/v1/clients', initBody('00000000-0000-4000-8000-000000000000'));
    expect([byUuid.status, byUuid.body.name]).toEqual([404, 'AccountNotFound']);
    expect((await h.control('GET', '/prompts')).body.prompts).toEqual([]);

    const pending = h.call('POST', '/v1/clients', initBody(WORK_ACCOUNT_ID.toUpperCase()));
    const [prompt] = await h.waitForPrompts(1);
    expect(prompt.account).toEqual({ id: WORK_ACCOUNT_ID, name: 'Work Account' });
    await h.control('POST', `/prompts/${prompt.id}/approve`);
    expect((await pending).body.account.name).toBe('Work Account');
  });

  it('DSK-8: with the integration off every request fails with IntegrationDisabled telling the user to turn it on', async () => {
    const id = await h.approvedClient();
    expect((await h.control('POST', '/integration', { enabled: false })).body).toEqual({ enabled: false });
    const init = await h.call('POST', '/v1/clients', initBody());
    expect([init.status, init.body.name]).toEqual([503, 'IntegrationDisabled']);
    expect(init.body.message).toMatch(/turn on/i);
    expect((await h.invoke(id, 'VaultsList')).body.name).toBe('IntegrationDisabled');
    await h.control('POST', '/integration', { enabled: true });
    expect((await h.invoke(id, 'VaultsList')).body.name).toBe('DesktopSessionExpired');
  });

  it('DSK-10: every authorized command is in the activity log with command, time, process and account', async () => {
    const id = await h.approvedClient('Work Account', 'Activity Check');
    h.clock.advance(MIN);
    await h.invoke(id, 'VaultsList');
    await h.invoke(id, 'SecretsResolve', { secret_reference: 'op://Private/GitHub/password' });
    await h.invoke(id, 'SecretsResolve', { secret_reference: 'op://Private/GitHub/nope' });
    const { activity } = (await h.control('GET', '/activity')).body;
    expect(activity.map((a: any) => [a.command, a.outcome])).toEqual([['VaultsList', 'ok'], ['SecretsResolve', 'ok'], ['SecretsResolve', 'error']]);
    for (const a of activity) {
      expect(a.account).toEqual({ id: WORK_ACCOUNT_ID, name: 'Work Account' });
      expect(a.process.pid).toBe(process.pid);
      expect(a.integration.name).toBe('Activity Check');
      expect(Math.abs(Date.parse(a.time) - h.clock.now())).toBeLessThan(5_000);
    }
    expect(JSON.stringify(activity)).not.toContain('work-github-password');
  });

  it('DSK-11: each account is authorized separately', async () => {
    const demo = await h.approvedClient('Demo Account');
    const pending = h.call('POST', '/v1/clients', initBody('Work Account'));
    const [prompt] = await h.waitForPrompts(1);
    expect(prompt.account.name).toBe('Work Account');
    await h.control('POST', `/prompts/${prompt.id}/deny`);
    expect((await pending).body.name).toBe('AuthorizationDenied');
    expect((await h.invoke(demo, 'VaultsList')).status).toBe(200);
    // A second client for the same (process, account) rides on the live grant without a prompt.
    const second = await h.call('POST', '/v1/clients', initBody('Demo Account'));
    expect(second.status).toBe(201);
  });

  it('DSK-4: an unknown client id gets DesktopSessionExpired; release ends only the client', async () => {
    const id = await h.approvedClient();
    const unknown = await h.invoke('AAAAAAAAAAAAAAAAAAAAAA', 'VaultsList');
    expect([unknown.status, unknown.body.name]).toEqual([401, 'DesktopSessionExpired']);
    expect((await h.call('DELETE', `/v1/clients/${id}`)).status).toBe(204);
    expect((await h.invoke(id, 'VaultsList')).body).toEqual(unknown.body);
    expect((await h.call('DELETE', `/v1/clients/${id}`)).status).toBe(401);
  });
});
