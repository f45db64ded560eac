/** CL-14: which unregistered client_ids look like a build placeholder. */
import { describe, expect, it } from 'vitest';
import { placeholderHint, placeholderReason } from './placeholder.js';

describe('placeholder client_ids', () => {
  it('CL-14: template markers, REPLACE_ME-style values and an app name are placeholders', () => {
    for (const id of ['REPLACE_ME', 'REPLACE_WITH_LOGI_CLIENT_ID', '${ONE_PASS_CLIENT_ID}', '$(LOGI_CLIENT_ID)', '{{client_id}}', '<client_id>', '<your client id>', 'YOUR_CLIENT_ID', 'your-client-id', 'client_id', 'undefined', 'my-app-mobile', 'TODO'])
      expect(placeholderReason(id, []), id).not.toBeNull();
    expect(placeholderReason('Acme Notes', ['Acme Notes'])).toMatch(/application's name/);
  });

  it('CL-14: a real-looking unregistered client_id is not a placeholder, and gets no hint', () => {
    for (const id of ['logi_0123456789abcdef0123456789abcdef', 'demo-public-3', 'a1b2c3', 'ios-app-prod'])
      expect(placeholderReason(id, ['Acme Notes']), id).toBeNull();
    expect(placeholderHint('logi_0123', [])).toBe('');
    expect(placeholderHint('REPLACE_ME', [])).toMatch(/^; it looks like a placeholder \(a placeholder value\)/);
  });
});
