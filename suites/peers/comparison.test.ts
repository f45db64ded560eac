/** The three-way comparison table: one row per requirement, each SKIP with its short reason. */
import { describe, expect, it } from 'vitest';
import { formatComparison, type Comparison } from './comparison.js';

describe('comparison table', () => {
  it('RED-7, CODE-2, CODE-4: cells name the status, and a SKIP says why', () => {
    const c: Comparison = {
      machine: { node: 'v20.20.2', cpu: 'CPU', cores: 2, platform: 'linux-x64' },
      seeds: { mock: 1, oidcProvider: 6, oauth2MockServer: 6 },
      durationsMs: { mock: 1000, oidcProvider: 2000, oauth2MockServer: 3000 },
      rows: [
        { id: 'RED-7', level: 'SHOULD', mock: 'pass', oidcProvider: 'pass', oauth2MockServer: 'skip', skips: { oauth2MockServer: 'metadata does not advertise authorization_response_iss_parameter_supported (RFC 9207 §3)' } },
        { id: 'CODE-2', level: 'SHOULD', mock: 'pass', oidcProvider: 'pass', oauth2MockServer: 'warn', skips: {} },
        { id: 'CODE-4', level: 'MUST', mock: 'pass', oidcProvider: 'skip', oauth2MockServer: 'skip', skips: { oidcProvider: 'profile not claimed: applies to x', oauth2MockServer: 'the target has no clock and ttl.code (600 s) is longer than the 10 s the suite waits' } },
      ],
    };
    const table = formatComparison(c);
    expect(table).toContain('| RED-7 | SHOULD | PASS | PASS | SKIP (metadata) |');
    expect(table).toContain('| CODE-2 | SHOULD | PASS | PASS | WARN |');
    expect(table).toContain('| CODE-4 | MUST | PASS | SKIP (profile) | SKIP (TTL) |');
    expect(table).toContain('| **total** | | 3 pass, 0 fail, 0 warn, 0 skip | 2 pass, 0 fail, 0 warn, 1 skip | 0 pass, 0 fail, 1 warn, 2 skip |');
    expect(table).toContain('Seeds: mock 1, oidc-provider 6, oauth2-mock-server 6.');
  });
});
