/**
 * `authprobe serve` as a client project runs it: a child process on a free loopback port, with a
 * config of its own so that every client under test has its own client id (the client report
 * judges per client id), stopped with SIGTERM so that `--client-report` files are written.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ClientConfig } from '../../mocks/index.js';

const bin = fileURLToPath(new URL('../../bin/authprobe.js', import.meta.url));

const START_TIMEOUT_MS = 90_000;

/** The redirect URI every example client registers: a loopback callback nobody listens on (RFC 8252 §7.3). */
export const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

/** A public client of the authorization-code flow with refresh, as a native app or SPA registers it. */
export function publicClient(clientId: string, name = clientId): ClientConfig {
  return {
    client_id: clientId,
    client_type: 'public',
    token_endpoint_auth_method: 'none',
    redirect_uris: [REDIRECT_URI],
    allowed_scopes: ['openid', 'profile', 'email', 'offline_access'],
    grant_types: ['authorization_code', 'refresh_token'],
    name,
  };
}

export interface ServeProcess {
  issuer: string;
  /** Where `--client-report` writes on exit (JSON; `.xml` and `.html` beside it), when asked for. */
  clientReportFile: string | undefined;
  /** Everything the server wrote to stderr so far, for failure messages. */
  stderr(): string;
  /** SIGTERM, then the exit code (0 when the server stopped cleanly); idempotent. */
  stop(): Promise<number | null>;
  /** Stop, and delete the temp dir (config, socket, report files). */
  remove(): Promise<void>;
}

export interface ServeOptions {
  clients: ClientConfig[];
  /** Pass `--client-report <dir>/client-report.json`. */
  clientReport?: boolean;
  /** Extra arguments for `authprobe serve` (`--defect NAME`, ...). */
  args?: string[];
}

export async function startServe(o: ServeOptions): Promise<ServeProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-clients-'));
  const configFile = join(dir, 'mock.json');
  writeFileSync(configFile, JSON.stringify({ clients: o.clients }));
  const clientReportFile = o.clientReport ? join(dir, 'client-report.json') : undefined;
  const args = [
    bin, 'serve', '--port', '0', '--consent', 'auto', '--config', configFile,
    // A socket of our own: parallel test files must not share the desktop channel's default path.
    '--desktop-socket', join(dir, 'desktop.sock'),
    ...(clientReportFile ? ['--client-report', clientReportFile] : []),
    ...(o.args ?? []),
  ];
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, args);
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const issuer = await new Promise<string>((resolve, reject) => {
    // Generous: several test files start servers at once on a 2-core machine.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`authprobe serve printed no issuer within ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);
    // The issuer URL is the first line of stdout (bin/commands/serve.ts).
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`authprobe serve exited ${code} before printing its issuer: ${stderr}`));
    });
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return {
    issuer,
    clientReportFile,
    stderr: () => stderr,
    stop,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
