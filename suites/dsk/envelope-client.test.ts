import { describe, expect, it } from 'vitest';
import { answerOfReply, wireId } from './envelope-client.js';

describe('the DSK envelope client speaks in the HTTP dialect\'s terms', () => {
  it('DSK-1: a success is the dialect\'s status, an invocation\'s payload is {result}', () => {
    expect(answerOfReply('init_client', { success: true, payload: { clientId: 7, account: { id: 'a', name: 'A' } } })).toMatchObject({ status: 201, body: { clientId: 7 } });
    expect(answerOfReply('invoke', { success: true, payload: [{ id: 'v' }] })).toMatchObject({ status: 200, body: { result: [{ id: 'v' }] } });
    expect(answerOfReply('invoke', { success: true, payload: null })).toMatchObject({ status: 200, body: { result: null } });
    expect(answerOfReply('release_client', { success: true, payload: null })).toMatchObject({ status: 204 });
  });

  it('DSK-4: a failure carries the app\'s name and that name\'s status; an unnamed failure has status 0, not the envelope is null', () => {
    expect(answerOfReply('invoke', { success: false, payload: { name: 'DesktopSessionExpired', message: 'm' } })).toMatchObject({ status: 401, name: 'DesktopSessionExpired', message: 'm' });
    expect(answerOfReply('invoke', { success: false, payload: { name: 'SomethingNew', message: 'm' } })).toMatchObject({ status: 400, name: 'SomethingNew' });
    expect(answerOfReply('invoke', { success: false, payload: 'broken' })).toMatchObject({ status: 0 });
    expect(answerOfReply('invoke', [1, 2])).toBeNull();
  });

  it('numeric ids travel as numbers, fabricated ones as they are', () => {
    expect(wireId('281474976710655')).toBe(281474976710655);
    expect(wireId('0012')).toBe('0012');
    expect(wireId('authprobe-no-such-client')).toBe('authprobe-no-such-client');
    expect(wireId('99999999999999999')).toBe('99999999999999999');
  });
});
