/**
 * What every launcher here shares: the target-file shape the suites read, writing one to
 * disk (module paths made relative to the file, as the suites resolve them), binding a
 * node:http server to a free loopback port, and the `--write-target` command line.
 */
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

export type TargetProfile = 'public-client' | 'native-loopback' | 'confidential' | 'users-api' | 'registration' | 'desktop';

export interface TargetClient {
  client_id: string;
  client_secret?: string;
  auth_method?: 'client_secret_basic' | 'client_secret_post';
  redirect_uri?: string;
  redirect_uris?: string[];
  scope?: string;
  token_endpoint?: string;
}

export type ModuleRef = { mode: 'module'; module: string };

/** The suites' input (fixed shape; the suites own its JSON Schema). */
export interface TargetDocument {
  issuer: string;
  profiles: TargetProfile[];
  endpoints?: Record<string, string>;
  clients: {
    public?: TargetClient;
    public2?: TargetClient;
    confidential?: TargetClient;
    usersApi?: TargetClient;
    inactive?: TargetClient;
  };
  registration?: { endpoint?: string; bearer: string };
  authorize: { mode: 'redirect' } | ModuleRef;
  clock?: { mode: 'mock'; url: string } | ModuleRef;
  ttl?: { code?: number; access_token?: number; refresh_token?: number };
  timeouts?: { request_ms?: number };
}

/** A started third-party (or control) target. */
export interface RunningTarget {
  issuer: string;
  /** Module paths in here are absolute; `writeTargetFile` makes them relative to the file. */
  target: TargetDocument;
  close(): Promise<void>;
}

export function listenLoopback(server: Server): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolvePort((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server including kept-alive connections, so `close()` never waits on a client. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = once(server, 'close');
  server.close();
  server.closeAllConnections();
  await closed;
}

function relativeModule(ref: ModuleRef, fileDir: string): ModuleRef {
  if (!isAbsolute(ref.module)) return ref;
  const rel = relative(fileDir, ref.module).split(sep).join('/');
  return { mode: 'module', module: rel.startsWith('.') ? rel : `./${rel}` };
}

/** The document as it is written at `file`: module paths relative to the file's folder. */
export function targetForFile(target: TargetDocument, file: string): TargetDocument {
  const dir = dirname(resolve(file));
  const out: TargetDocument = { ...target };
  if (target.authorize.mode === 'module') out.authorize = relativeModule(target.authorize, dir);
  if (target.clock?.mode === 'module') out.clock = relativeModule(target.clock, dir);
  return out;
}

export async function writeTargetFile(file: string, target: TargetDocument): Promise<void> {
  await mkdir(dirname(resolve(file)), { recursive: true });
  await writeFile(file, `${JSON.stringify(targetForFile(target, file), null, 2)}\n`, { mode: 0o600 });
}

/** A string flag of a launcher and the values it accepts (first is the default). */
export type LauncherFlags = Record<string, readonly string[]>;

/**
 * `tsx <launcher> [--write-target FILE] [--flag value ...]`: starts the target, writes the
 * file, prints the issuer (first stdout line, so scripts can read it) and stays up until
 * SIGINT/SIGTERM. Usage errors exit 2.
 */
export async function runLauncher<F extends LauncherFlags>(
  name: string,
  argv: string[],
  flags: F,
  start: (values: { [K in keyof F]: F[K][number] }) => Promise<RunningTarget>,
): Promise<void> {
  const flagUsage = Object.entries(flags).map(([k, v]) => ` [--${k} ${v.join('|')}]`).join('');
  const usage = `usage: tsx ${name} [--write-target FILE]${flagUsage}\n`;
  let values: Record<string, string | boolean | undefined>;
  try {
    const options: Record<string, { type: 'string' } | { type: 'boolean'; short: string }> = {
      'write-target': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    };
    for (const key of Object.keys(flags)) options[key] = { type: 'string' };
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
    for (const [key, allowed] of Object.entries(flags)) {
      const given = values[key];
      if (given === undefined) values[key] = allowed[0];
      else if (!allowed.includes(String(given))) throw new Error(`--${key} must be one of ${allowed.join(', ')}, got "${String(given)}"`);
    }
  } catch (err) {
    process.stderr.write(`${name}: ${(err as Error).message}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (values['help']) {
    process.stdout.write(usage);
    return;
  }
  const running = await start(values as { [K in keyof F]: F[K][number] });
  const file = values['write-target'];
  if (typeof file === 'string') await writeTargetFile(file, running.target);
  process.stdout.write(`${running.issuer}\n`);
  if (typeof file === 'string') process.stdout.write(`target file: ${resolve(file)}\n`);
  const stop = (): void => {
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
