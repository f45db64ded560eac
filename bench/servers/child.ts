/**
 * The protocol between a benchmarked server (one child process each, so the load generator
 * in the parent has the other core to itself) and bench/token-endpoint.ts or bench/memory.ts:
 *
 * - stdout: one JSON line once the server listens — its token URL, the client credentials to
 *   send with HTTP Basic, and optionally the mock's clock URL;
 * - IPC: `{type: 'memory'}` is answered with `process.memoryUsage()` and the server's own
 *   counters (e.g. store sizes), after a forced GC when the child runs with --expose-gc;
 * - SIGTERM, SIGINT or the parent going away close the server and end the process.
 */
import { pathToFileURL } from 'node:url';

/** What bench/flow.ts needs for an authorization code flow: a public client and where to send it. */
export interface FlowTarget {
  authorization_endpoint: string;
  token_endpoint: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  /** `redirect`: the authorization endpoint answers the code at once (the mock, consent auto); `oidc-provider`: its login and consent pages are passed by suites/drivers/oidc-provider.mjs. */
  interaction: 'redirect' | 'oidc-provider';
}

export interface BenchServer {
  /** Set by servers that can run a full authorization code flow (bench/flow.ts). */
  flow?: FlowTarget;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** POST {"advance_seconds": N} moves the server's clock (the mock only). */
  clockUrl?: string;
  /** Counters worth reporting next to memory (e.g. entries per store table). */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

/** The stdout line a child prints when it is ready. */
export interface ReadyLine {
  ready: true;
  name: string;
  token_url: string;
  client_id: string;
  client_secret: string;
  clock_url?: string;
  flow?: FlowTarget;
  pid: number;
}

export interface MemoryReport {
  type: 'memory';
  usage: NodeJS.MemoryUsage;
  stats: Record<string, number>;
  gc: boolean;
}

/** True when `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;
}

export async function runChild(name: string, start: () => Promise<BenchServer>): Promise<void> {
  let server: BenchServer;
  try {
    server = await start();
  } catch (err) {
    process.stderr.write(`${name}: could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    // Keep-alive sockets from the load generator must not hold the exit up.
    const timer = setTimeout(() => process.exit(0), 2000);
    timer.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.send) {
    process.on('disconnect', stop);
    process.on('message', (msg: { type?: string }) => {
      if (msg?.type !== 'memory') return;
      const gc = (globalThis as { gc?: () => void }).gc;
      if (gc) gc();
      const report: MemoryReport = { type: 'memory', usage: process.memoryUsage(), stats: server.stats?.() ?? {}, gc: gc !== undefined };
      process.send?.(report);
    });
  }
  const line: ReadyLine = {
    ready: true,
    name,
    token_url: server.tokenUrl,
    client_id: server.clientId,
    client_secret: server.clientSecret,
    ...(server.clockUrl ? { clock_url: server.clockUrl } : {}),
    ...(server.flow ? { flow: server.flow } : {}),
    pid: process.pid,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
