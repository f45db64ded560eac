/** The client report's JUnit and HTML forms (CL-*): every client string escaped, failures counted. */
import { describe, expect, it } from 'vitest';
import type { ClientReport } from '../mocks/index.js';
import { clientFailureCount, clientReportHtml, clientReportJUnit } from './client-report.js';

const hostile = '"><script>alert(1)</script>&';
const report: ClientReport = {
  generatedAt: '2026-01-01T00:00:00.000Z',
  requirements: [
    { id: 'CL-5', level: 'SHOULD', rule: 'RFC', text: 'random verifier' },
    { id: 'CL-10', level: 'MUST', rule: 'public-clients', text: 'no client_secret' },
    { id: 'CL-14', level: 'MUST', rule: 'public-clients', text: 'registered client_id' },
  ],
  clients: [{
    clientId: hostile,
    public: true,
    verdicts: [
      { id: 'CL-5', status: 'warn', observations: 1, evidence: ['verifier <weak>'] },
      { id: 'CL-10', status: 'fail', observations: 2, evidence: [`secret from ${hostile}`] },
      { id: 'CL-14', status: 'not-observed', observations: 0, evidence: [] },
    ],
  }],
};

describe('client report files', () => {
  it('CL-10: JUnit has a testcase per client × ID, a failure for fail, a skip for not-observed, a pass with system-out for warn', () => {
    const xml = clientReportJUnit(report);
    expect(clientFailureCount(report)).toBe(1);
    expect(xml).toMatch(/<testsuites name="authprobe client conformance" tests="3" failures="1" errors="0" skipped="1"/);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml).toMatch(/name="CL-10" time="0">\n.*\n\s*<failure message="CL-10: secret from &quot;&gt;&lt;script&gt;/);
    expect(xml).toMatch(/name="CL-5"[^]*?<system-out>WARN: verifier &lt;weak&gt;<\/system-out>/);
    expect(xml).toMatch(/name="CL-14"[^]*?<skipped /);
    expect(xml).not.toContain('<script>');
  });

  it('CL-10: the HTML page escapes client strings, runs no script and lists failures first', () => {
    const html = clientReportHtml(report);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;');
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-/);
    expect(html.indexOf('data-id="CL-10"')).toBeLessThan(html.indexOf('data-id="CL-5"'));
    expect(html).toContain('1 client requirement failure(s)');
  });
});
