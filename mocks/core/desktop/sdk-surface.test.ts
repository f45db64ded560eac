import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.js';
import { DesktopChannel } from './channel.js';
import type { DesktopError } from './errors.js';
import { DEMO_ACCOUNT_ID } from './vault.js';
import type { ProcessIdentity } from './types.js';

const proc = (pid: number, session?: { id: number; tty: number; leaderStartTime: number | null }): ProcessIdentity =>
  ({ key: `pid:${pid}:1`, pid, startTime: 1, uid: 0, executable: 'test', source: 'peer', ...(session ? { session } : {}) });
const config = (account = 'Demo Account') => ({ account_name: account, integrationName: 'core', integrationVersion: '1' });

async function approved(channel: DesktopChannel, p: ProcessIdentity, account = 'Demo Account') {
  const pending = channel.initClient(p, config(account));
  const prompt = channel.prompts().at(-1);
  if (prompt) channel.approve(prompt.id);
  return (await pending).clientId;
}

const errorOf = (f: () => unknown): DesktopError | 'ok' => { try { f(); } catch (e) { return e as DesktopError; } return 'ok'; };
const nameOf = (f: () => unknown) => { const e = errorOf(f); return e === 'ok' ? e : e.name; };
const VAULT = 'privatevaultdemo0000000001';

describe('item writes (ItemsCreate, ItemsPut, ItemsDelete)', () => {
  it('DSK-10: a created item reads back, resolves by op:// reference, and the write is in the activity log', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    const id = await approved(channel, proc(1));
    const item = channel.invoke(proc(1), id, 'ItemsCreate', {
      params: { vaultId: VAULT, title: 'Stripe', category: 'ApiCredentials', fields: [{ id: 'key', title: 'key', fieldType: 'Concealed', value: 'sk_1' }] },
    }) as { id: string; vaultId: string; fields: unknown[] };
    expect(item).toMatchObject({ title: 'Stripe', vaultId: VAULT, fields: [{ id: 'key', value: 'sk_1' }] });
    expect(channel.invoke(proc(1), id, 'SecretsResolve', { secret_reference: 'op://Private/Stripe/key' })).toBe('sk_1');

    channel.invoke(proc(1), id, 'ItemsPut', { item: { ...item, fields: [{ id: 'key', title: 'key', value: 'sk_2' }] } });
    expect(channel.invoke(proc(1), id, 'SecretsResolve', { secret_reference: `op://${VAULT}/${item.id}/key` })).toBe('sk_2');

    expect(channel.invoke(proc(1), id, 'ItemsDelete', { vault_id: VAULT, item_id: item.id })).toBeNull();
    expect(nameOf(() => channel.invoke(proc(1), id, 'SecretsResolve', { secret_reference: 'op://Private/Stripe/key' }))).toBe('itemNotFound');
    expect(channel.activity().map((a) => `${a.command}:${a.outcome}`)).toEqual([
      'ItemsCreate:ok', 'SecretsResolve:ok', 'ItemsPut:ok', 'SecretsResolve:ok', 'ItemsDelete:ok', 'SecretsResolve:error',
    ]);
    channel.close();
  });

  it('refuses bad shapes with InvalidRequest naming the field, and unknown vaults/items with the not-found names', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    const id = await approved(channel, proc(1));
    const call = (name: string, parameters: Record<string, unknown>) => errorOf(() => channel.invoke(proc(1), id, name, parameters));
    expect(call('ItemsCreate', {})).toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('params') });
    expect(call('ItemsCreate', { params: { vaultId: VAULT, title: '' } })).toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('params.title') });
    expect(call('ItemsCreate', { params: { vaultId: VAULT, title: 't', fields: [{ title: 'a', value: 1 }] } })).toMatchObject({ name: 'InvalidRequest', message: expect.stringContaining('fields[0].value') });
    expect(call('ItemsCreate', { params: { vaultId: VAULT, title: 't', fields: [{ title: 'a', value: '' }, { title: 'a', value: '' }] } })).toMatchObject({ name: 'InvalidRequest' });
    expect(call('ItemsCreate', { params: { vaultId: 'nope', title: 't' } })).toMatchObject({ name: 'vaultNotFound' });
    expect(call('ItemsPut', { item: { id: 'nope', vaultId: VAULT, title: 't' } })).toMatchObject({ name: 'itemNotFound' });
    expect(call('ItemsDelete', { vault_id: VAULT, item_id: 'nope' })).toMatchObject({ name: 'itemNotFound' });
    expect(call('ItemsDelete', { vault_id: VAULT })).toMatchObject({ name: 'InvalidRequest' });
    channel.close();
  });

  it('DSK-4: writes need the caller\'s own live client exactly as reads do', async () => {
    const clock = createManualClock();
    const channel = new DesktopChannel({ clock });
    const id = await approved(channel, proc(1));
    const create = (p: ProcessIdentity) => nameOf(() => channel.invoke(p, id, 'ItemsCreate', { params: { vaultId: VAULT, title: 'x' } }));
    expect(create(proc(2))).toBe('DesktopSessionExpired');
    expect(create(proc(1))).toBe('ok');
    channel.lock();
    expect(create(proc(1))).toBe('DesktopSessionExpired');
    channel.close();
  });
});

describe('accounts the way users name them (DSK-7)', () => {
  it('by name as shown, by UUID, and by sign-in address; unknown is AccountNotFound listing no account', async () => {
    const channel = new DesktopChannel({ clock: createManualClock(), config: { policy: { mode: 'approve' } } });
    for (const key of ['Demo Account', DEMO_ACCOUNT_ID, DEMO_ACCOUNT_ID.toUpperCase(), 'acme.example.com', 'https://ACME.example.com/']) {
      expect((await channel.initClient(proc(1), config(key))).account.id, key).toBe(DEMO_ACCOUNT_ID);
    }
    const err = await channel.initClient(proc(1), config('nobody.example.com')).catch((e: DesktopError) => e);
    expect(err).toMatchObject({ name: 'AccountNotFound' });
    expect((err as DesktopError).message).toContain('sign-in address');
    for (const secret of ['Demo Account', 'Work Account', 'work.example.com', DEMO_ACCOUNT_ID]) expect((err as DesktopError).message).not.toContain(secret);
    channel.close();
  });

  it('refuses two accounts with one sign-in address, and an address that is not a host name', () => {
    expect(() => new DesktopChannel({ clock: createManualClock(), config: { accounts: [{ name: 'a', sign_in_address: 'x.example.com' }, { name: 'b', sign_in_address: 'X.example.com' }] } })).toThrow(/sign-in address/);
    expect(() => new DesktopChannel({ clock: createManualClock(), config: { accounts: [{ name: 'a', sign_in_address: 'not a host' }] } })).toThrow(/host name/);
  });
});

describe('grant scoping: process (SDK) and terminal (CLI)', () => {
  const sessionA = { id: 100, tty: 34816, leaderStartTime: 5 };
  it('DSK-4: under process scoping each process is prompted', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    await approved(channel, proc(1, sessionA));
    void channel.initClient(proc(2, sessionA), config()).catch(() => undefined);
    expect(channel.prompts()).toHaveLength(1);
    channel.close();
  });

  it('under terminal scoping processes of one session share the grant; another session, or a recycled session id, is prompted; client ids stay per process', async () => {
    const channel = new DesktopChannel({ clock: createManualClock(), config: { policy: { scope: 'terminal' } } });
    const first = await approved(channel, proc(1, sessionA));
    const second = await channel.initClient(proc(2, sessionA), config());
    expect(second.prompted).toBe(false);
    expect(nameOf(() => channel.invoke(proc(2, sessionA), second.clientId, 'VaultsList', {}))).toBe('ok');
    // A client id is still the process's own: a sibling in the session cannot use it.
    expect(nameOf(() => channel.invoke(proc(2, sessionA), first, 'VaultsList', {}))).toBe('DesktopSessionExpired');
    void channel.initClient(proc(3, { ...sessionA, id: 200 }), config()).catch(() => undefined);
    void channel.initClient(proc(4, { ...sessionA, leaderStartTime: 6 }), config()).catch(() => undefined);
    void channel.initClient(proc(5), config()).catch(() => undefined); // session unknown: per process
    expect(channel.prompts()).toHaveLength(3);
    channel.close();
  });
});

describe('rate budget and numeric client ids', () => {
  it('RateLimitExceeded past the configured budget per process, until the window passes', async () => {
    const clock = createManualClock();
    const channel = new DesktopChannel({ clock, config: { policy: { mode: 'approve' }, rate_limit: { requests: 3, per_seconds: 60 } } });
    const id = await approved(channel, proc(1)); // 1
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('ok'); // 2
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('ok'); // 3
    const over = errorOf(() => channel.invoke(proc(1), id, 'VaultsList', {}));
    expect(over).toMatchObject({ name: 'RateLimitExceeded', status: 429, message: expect.stringMatching(/retry in \d+ s/) });
    expect((await channel.initClient(proc(2), config())).account.id).toBe(DEMO_ACCOUNT_ID); // another process has its own budget
    clock.advance(60_000);
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('ok');
    expect(() => channel.setRateBudget({ requests: 0, per_seconds: 1 })).toThrow(/requests/);
    channel.close();
  });

  it('each client has a number that names the same client, unguessable and forgotten when the client ends', async () => {
    const channel = new DesktopChannel({ clock: createManualClock(), config: { policy: { mode: 'approve' } } });
    const r = await channel.initClient(proc(1), config());
    expect(Number.isSafeInteger(r.clientNumber) && r.clientNumber > 0).toBe(true);
    expect(channel.clientIdOfNumber(r.clientNumber)).toBe(r.clientId);
    channel.releaseClient(proc(1), r.clientId);
    expect(nameOf(() => channel.invoke(proc(1), channel.clientIdOfNumber(r.clientNumber), 'VaultsList', {}))).toBe('DesktopSessionExpired');
    expect(channel.state.clientNumbers.size).toBe(0);
    channel.close();
  });

  it('DSK-9: an invocation in flight when the app locks answers (here: finishes), and the session is over afterwards', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    const id = await approved(channel, proc(1));
    await expect(channel.invokeInFlight(proc(1), id, 'VaultsList', {}, () => channel.lock())).resolves.toBeInstanceOf(Array);
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('DesktopSessionExpired');
    channel.close();
  });

  it('DSK-9: --defect desktop-lock-hangs-in-flight leaves the in-flight call unanswered', async () => {
    const channel = new DesktopChannel({ clock: createManualClock(), defects: ['desktop-lock-hangs-in-flight'] });
    const id = await approved(channel, proc(1));
    const outcome = await Promise.race([
      channel.invokeInFlight(proc(1), id, 'VaultsList', {}, () => channel.lock()).then(() => 'answered'),
      new Promise((r) => setTimeout(() => r('unanswered'), 200)),
    ]);
    expect(outcome).toBe('unanswered');
    channel.close();
  });
});
