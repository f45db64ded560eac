/**
 * `authprobe serve`: the reference authorization server (and desktop channel) until SIGINT or
 * SIGTERM. The issuer URL is the first line of stdout, so scripts can read it.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { allDefects as registry, demoConfig, KeyFileError, loadMockConfig, startMock, type MockConfig } from '../../mocks/index.js';
import { clientFailureCount, clientReportHtml, clientReportJUnit } from '../client-report.js';
import { targetForMock } from '../mock-target.js';
import { UsageError } from '../usage.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4010' },
      config: { type: 'string' },
      consent: { type: 'string', default: 'page' },
      defect: { type: 'string', multiple: true },
      'desktop-socket': { type: 'string' },
      'control-token': { type: 'string' },
      'write-target': { type: 'string' },
      issuer: { type: 'string' },
      keys: { type: 'string' },
      'client-report': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new UsageError(`--port must be 0-65535 (0 picks a free port), got '${values.port}'`);
  if (values.consent !== 'page' && values.consent !== 'auto') throw new UsageError(`--consent must be page or auto, got '${values.consent}'`);
  if (values['write-target'] !== undefined) {
    // The written target drives the authorization step by redirect and names the demo clients.
    if (values.consent !== 'auto') throw new UsageError('--write-target needs --consent auto: the target it writes expects the server to redirect straight back');
    if (values.config !== undefined) throw new UsageError('--write-target describes the demo clients; with --config, write a target file for your own clients (see docs/target-file.md)');
  }
  if (values.issuer !== undefined) checkIssuer(values.issuer);
  // The environment keeps the token out of /proc/<pid>/cmdline, which every local user can read.
  const envToken = process.env.AUTHPROBE_CONTROL_TOKEN;
  const controlToken = values['control-token'] ?? (envToken !== undefined && envToken !== '' ? envToken : undefined);
  const defectNames = (values.defect ?? []).flatMap((d) => d.split(',')).filter(Boolean);
  const unknown = defectNames.filter((n) => !registry.some((d) => d.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`authprobe serve: unknown defect ${unknown.map((n) => `'${n}'`).join(', ')}. Valid names (see \`authprobe defects\`):\n`);
    for (const d of registry) process.stderr.write(`  ${d.name}\n`);
    return 2;
  }
  let config: MockConfig = demoConfig;
  if (values.config !== undefined) {
    const loaded = loadMockConfig(values.config);
    if (!loaded.ok) {
      process.stderr.write(`authprobe serve: invalid config:\n${loaded.errors.map((e) => `  ${e}\n`).join('')}`);
      return 2;
    }
    config = loaded.config;
  }

  let mock: Awaited<ReturnType<typeof startMock>>;
  try {
    mock = await startMock({
      host: values.host,
      port,
      config,
      consent: values.consent,
      defects: defectNames,
      ...(values['desktop-socket'] !== undefined ? { desktop: { socketPath: values['desktop-socket'] } } : {}),
      ...(controlToken !== undefined ? { controlToken } : {}),
      ...(values.issuer !== undefined ? { issuer: values.issuer } : {}),
      ...(values.keys !== undefined ? { keysFile: values.keys } : {}),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof KeyFileError) process.stderr.write(`authprobe serve: --keys ${e.message}\n`);
    else if (e.code === 'EADDRINUSE') process.stderr.write(`authprobe serve: ${values.host}:${port} is already in use; pick another --port (0 picks a free one)\n`);
    else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND') process.stderr.write(`authprobe serve: cannot bind to host '${values.host}'; use an address of this machine such as 127.0.0.1\n`);
    else if (e.code === 'EACCES') process.stderr.write(`authprobe serve: not allowed to bind ${values.host}:${port}; use a port above 1023\n`);
    else process.stderr.write(`authprobe serve: cannot start: ${e.message}\n`);
    return 2;
  }

  process.stdout.write(`${mock.issuer}\n`);
  if (mock.desktopSocket) process.stdout.write(`desktop socket: ${mock.desktopSocket}\n`);
  if (values['write-target'] !== undefined) {
    try {
      writeFileSync(values['write-target'], `${JSON.stringify(targetForMock(mock), null, 2)}\n`, { mode: 0o600 });
    } catch (err) {
      process.stderr.write(`authprobe serve: cannot write the target file: ${(err as Error).message}\n`);
      await mock.close();
      return 2;
    }
    process.stdout.write(`target file: ${values['write-target']}\n`);
  }
  const clientReport = values['client-report'];
  if (clientReport !== undefined) {
    // Written once now, so that a path that cannot be written fails at start, not at exit.
    try {
      writeClientReport(mock, clientReport);
    } catch (err) {
      process.stderr.write(`authprobe serve: cannot write the client report: ${(err as Error).message}\n`);
      await mock.close();
      return 2;
    }
  }
  if (defectNames.length > 0) process.stderr.write(`defects on: ${defectNames.join(', ')}\n`);
  if (!isLoopbackHost(values.host)) process.stderr.write(exposureWarning(values.host, port === 0 ? mock.port : port, controlToken !== undefined, mock.desktopSocket !== null));
  process.stderr.write(`serving; consent ${values.consent}; control API at ${mock.issuer}/_mock/. Stop with Ctrl-C.\n`);
  process.stderr.write(`dashboard: ${mock.issuer}/_mock/${mock.desktopSocket ? ` (desktop app: ${mock.issuer}/_mock/desktop/)` : ''}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  if (clientReport !== undefined) {
    try {
      const failures = writeClientReport(mock, clientReport);
      process.stderr.write(`client report: ${clientReport} (${failures} client requirement failure(s)); also ${clientReportPaths(clientReport).slice(1).join(', ')}\n`);
    } catch (err) {
      process.stderr.write(`authprobe serve: cannot write the client report: ${(err as Error).message}\n`);
    }
  }
  await mock.close();
  return 0;
}

/** FILE (JSON), and beside it the JUnit and HTML forms: `r.json` → `r.xml`, `r.html`; `r` → `r.xml`, `r.html`. */
export function clientReportPaths(file: string): [string, string, string] {
  const base = file.replace(/\.json$/i, '');
  return [file, `${base}.xml`, `${base}.html`];
}

/** Writes the client report (CL-*) in its three forms; returns the number of client requirement failures. */
function writeClientReport(mock: { core: { clientReport(): import('../../mocks/index.js').ClientReport } }, file: string): number {
  const report = mock.core.clientReport();
  const [json, junit, page] = clientReportPaths(file);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(junit, clientReportJUnit(report));
  writeFileSync(page, clientReportHtml(report));
  return clientFailureCount(report);
}

const isLoopbackHost = (host: string) => host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/** What binding beyond loopback hands to the network (issue 12): said before anyone connects. */
export function exposureWarning(host: string, port: number, controlToken: boolean, desktop: boolean): string {
  const control = controlToken
    ? 'the control API (/_mock/: clock, reset, scenarios, registered clients; guarded by the control token)'
    : 'the control API answers loopback callers only (set AUTHPROBE_CONTROL_TOKEN to use it remotely)';
  return [
    `warning: --host ${host} exposes the mock to the network on port ${port}:`,
    '  the OAuth endpoints (tokens for the configured clients, whose secrets are in the config),',
    '  the consent page (any caller can approve as the demo user), the registration API (to holders of its token),',
    `  ${control}${desktop ? ',\n  and the desktop control plane and dashboard under /_mock/desktop (same guard)' : ''}.`,
    '  Bind 127.0.0.1 unless other machines must reach it; set --issuer to the URL they use.',
    '',
  ].join('\n');
}

/** --issuer: an absolute http(s) URL without query or fragment (RFC 8414 §2). */
function checkIssuer(issuer: string): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new UsageError(`--issuer must be an absolute URL such as https://auth.example.test, got '${issuer}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--issuer must use http or https, got '${issuer}'`);
  if (url.search || url.hash || issuer.includes('#')) throw new UsageError(`--issuer must have no query or fragment (RFC 8414 §2), got '${issuer}'`);
}
