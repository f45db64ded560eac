/**
 * The desktop control plane served in-process by msw from the same router as the node:http
 * server: a caller of the core waits on its prompt, and the prompt is listed and approved over
 * global fetch, with the same answers and the same cross-site guard as on the socket server.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManualClock } from '../../core/clock.js';
import { DesktopChannel } from '../../core/desktop/channel.js';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import { loadDesktopContract } from '../../testing/desktop-contract.js';
import { oauthHandlers } from '../msw-handlers.js';
import { desktopAppInProcess } from './in-process.js';

const MSW = 'http://authprobe.msw-desktop.test';
const channel = new DesktopChannel({ clock: createManualClock() });
const server = setupServer(...oauthHandlers({ issuer: MSW, consent: 'auto', desktop: desktopAppInProcess(channel) }));
const contract = loadDesktopContract();
const caller: ProcessIdentity = { key: 'pid:4242:1', pid: 4242, startTime: 1, uid: 1000, executable: 'sdk-test', source: 'peer' };

async function control(method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${MSW}/_mock/desktop${path}`, { method, ...init });
  const contentType = res.headers.get('content-type') ?? undefined;
  const text = await res.text();
  const body = contentType?.startsWith('application/json') ? JSON.parse(text) : text;
  contract.check({ method, path: `/_mock/desktop${path}`, status: res.status, body, contentType });
  return { status: res.status, body, headers: res.headers };
}

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  channel.close();
});

describe('desktop control plane over msw (in-process)', () => {
  it('DSK-1: a prompt opened through the core is listed and approved over fetch, and the waiting init_client gets its client', async () => {
    const pending = channel.initClient(caller, { account_name: 'Demo Account', integrationName: 'msw test', integrationVersion: '1.0.0' });
    const listed = await control('GET', '/prompts');
    expect(listed.status).toBe(200);
    expect(listed.body.prompts).toHaveLength(1);
    const prompt = listed.body.prompts[0];
    expect([prompt.process.pid, prompt.integration.name, prompt.account.name]).toEqual([4242, 'msw test', 'Demo Account']);

    const approved = await control('POST', `/prompts/${prompt.id}/approve`);
    expect([approved.status, approved.body.prompt.status]).toEqual([200, 'approved']);
    const result = await pending;
    expect(result.prompted).toBe(true);
    expect(channel.invoke(caller, result.clientId, 'VaultsList', {})).toBeDefined();
    expect((await control('GET', '/state')).body.sessions).toBe(1);
  });

  it('an unknown prompt id answers 404 PromptNotFound in the {name, message} shape', async () => {
    const r = await control('POST', '/prompts/nope/deny');
    expect([r.status, r.body.name]).toEqual([404, 'PromptNotFound']);
  });

  it('a page on another origin cannot drive the app: 403 ForbiddenOrigin', async () => {
    const r = await control('POST', '/lock', { headers: { origin: 'http://evil.example' } });
    expect([r.status, r.body.name]).toEqual([403, 'ForbiddenOrigin']);
    expect(channel.locked).toBe(false);
  });

  it('the dashboard carries the page security headers (never framed, never cached)', async () => {
    const r = await control('GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('the event stream answers in-process too: its first chunk names the stream, a lock arrives as an event', async () => {
    const abort = new AbortController();
    const res = await fetch(`${MSW}/_mock/desktop/events`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = decoder.decode((await reader.read()).value);
    expect(text).toContain('retry: 1000');
    channel.lock();
    while (!text.includes('event: lock')) text += decoder.decode((await reader.read()).value);
    channel.unlock();
    abort.abort();
  });
});
