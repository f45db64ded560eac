import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.js';
import { DesktopChannel } from './channel.js';
import { DesktopError } from './errors.js';
import { IDLE_LIMIT_MS } from './grant.js';
import type { ProcessIdentity } from './types.js';

const proc = (pid: number): ProcessIdentity => ({ key: `pid:${pid}:1`, pid, startTime: 1, uid: 0, executable: 'test', source: 'peer' });
const config = (account = 'Demo Account') => ({ account_name: account, integrationName: 'core', integrationVersion: '1' });

async function approved(channel: DesktopChannel, p: ProcessIdentity, account = 'Demo Account') {
  const pending = channel.initClient(p, config(account));
  const prompt = channel.prompts().at(-1)!;
  channel.approve(prompt.id);
  return (await pending).clientId;
}

const nameOf = (f: () => unknown) => { try { f(); } catch (e) { return (e as DesktopError).name; } return 'ok'; };

describe('DesktopChannel (core, no transport)', () => {
  it('DSK-4: grants are bound to the process identity, not to the client id', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    const id = await approved(channel, proc(1));
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('ok');
    expect(nameOf(() => channel.invoke(proc(2), id, 'VaultsList', {}))).toBe('DesktopSessionExpired');
    // Same pid, different start time: a recycled pid is another process.
    expect(nameOf(() => channel.invoke({ ...proc(1), key: 'pid:1:2' }, id, 'VaultsList', {}))).toBe('DesktopSessionExpired');
    channel.close();
  });

  it('DSK-5: expiry is decided by the injected clock only (manual clock: 9:59 valid, 10:00 ended)', async () => {
    const clock = createManualClock();
    const channel = new DesktopChannel({ clock });
    const id = await approved(channel, proc(1));
    clock.advance(IDLE_LIMIT_MS - 1);
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('ok');
    clock.advance(IDLE_LIMIT_MS);
    expect(nameOf(() => channel.invoke(proc(1), id, 'VaultsList', {}))).toBe('DesktopSessionExpired');
    channel.close();
  });

  it('DSK-1: concurrent inits of one process for one account share one prompt; a hang-up cancels it', async () => {
    const channel = new DesktopChannel({ clock: createManualClock() });
    const a = channel.initClient(proc(1), config());
    const b = channel.initClient(proc(1), config());
    expect(channel.prompts()).toHaveLength(1);
    channel.approve(channel.prompts()[0]!.id);
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra.clientId).not.toBe(rb.clientId);

    const hangUp = new AbortController();
    const c = channel.initClient(proc(3), config(), hangUp.signal);
    expect(channel.prompts()).toHaveLength(1);
    hangUp.abort();
    await expect(c).rejects.toMatchObject({ name: 'AuthorizationDenied' });
    expect(channel.prompts()).toEqual([]);
    channel.close();
  });

  it('DSK-1: a process flooding prompts is rate limited', async () => {
    const channel = new DesktopChannel({
      clock: createManualClock(),
      config: { accounts: Array.from({ length: 6 }, (_, n) => ({ name: `A${n}` })) },
    });
    const pending = [0, 1, 2, 3, 4].map((n) => channel.initClient(proc(1), config(`A${n}`)).catch(() => undefined));
    await expect(channel.initClient(proc(1), config('A5'))).rejects.toMatchObject({ name: 'RateLimitExceeded' });
    channel.reset();
    await Promise.all(pending);
    channel.close();
  });

  it('DSK-7: bad config is refused with the path of the bad field', () => {
    expect(() => new DesktopChannel({ clock: createManualClock(), config: { accounts: [{ name: 'x', id: 'not-a-uuid' }] } })).toThrow(/accounts\[0\]\.id must be a UUID/);
    expect(() => new DesktopChannel({ clock: createManualClock(), config: { policy: { mode: 'maybe' } } })).toThrow(/policy\.mode/);
  });
});
