import { describe, expect, it } from 'vitest';
import { fail, PropertySkip } from '../runner/failure.js';
import { PositiveControlFailure, positiveControls } from './baseline.js';

describe('positiveControls', () => {
  it('RED-1: a refused valid request fails the property, saying the refusal shows nothing, with the answer', async () => {
    const control = positiveControls();
    const err = await control('the registered redirect_uri', 'a changed redirect_uri', async () => fail('got no code: 400 {"error":"invalid_request"}')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PositiveControlFailure);
    expect((err as Error).message).toBe(
      'the target refuses the valid request too (the registered redirect_uri), so its refusal of a changed redirect_uri shows nothing: got no code: 400 {"error":"invalid_request"}',
    );
  });

  it('DG-4: a granted valid request is sent once per property run; a refused one again every time', async () => {
    const control = positiveControls();
    let granted = 0;
    let refused = 0;
    for (let i = 0; i < 3; i++) {
      await control('valid', 'x', async () => void granted++);
      await control('other', 'x', async () => fail(`no ${++refused}`)).catch(() => undefined);
    }
    expect([granted, refused]).toEqual([1, 3]);
    // A fresh run starts over.
    await positiveControls()('valid', 'x', async () => void granted++);
    expect(granted).toBe(2);
  });

  it('DG-5: a skip or a transport error passes through unchanged', async () => {
    const control = positiveControls();
    const skip = new PropertySkip('no refresh token');
    await expect(control('v', 'r', async () => Promise.reject(skip))).rejects.toBe(skip);
    const crash = new TypeError('boom');
    await expect(control('v', 'r', async () => Promise.reject(crash))).rejects.toBe(crash);
  });
});
