/**
 * Starts one bench/servers/*.ts script in its own node process (tsx as a loader, no extra
 * wrapper process), waits for its ready line and keeps its stderr for the failure message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { MemoryReport, ReadyLine } from '../servers/child.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export class SetupError extends Error {
  override name = 'SetupError';
}

export interface SpawnedServer {
  ready: ReadyLine;
  child: ChildProcess;
  /** process.memoryUsage() of the child (after a GC when started with exposeGc) and its counters. */
  memory(): Promise<MemoryReport>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Path relative to the repository root, e.g. bench/servers/bare.ts. */
  script: string;
  args?: string[];
  exposeGc?: boolean;
  /** Extra node flags for the child, e.g. ['--cpu-prof', '--cpu-prof-dir', DIR]. */
  nodeArgs?: string[];
  /** Extra environment variables for the child. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

const MAX_STDERR = 16 * 1024;

export async function spawnServer(o: SpawnOptions): Promise<SpawnedServer> {
  const nodeArgs = ['--import', 'tsx', ...(o.exposeGc ? ['--expose-gc'] : []), ...(o.nodeArgs ?? []), o.script, ...(o.args ?? [])];
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Same mode for every server: libraries that vary behaviour by NODE_ENV run as deployed.
    env: { ...process.env, NODE_ENV: 'production', ...o.env },
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => {
    if (stderr.length < MAX_STDERR) stderr += s;
  });

  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => fail(`did not print its ready line within ${(o.timeoutMs ?? 30_000) / 1000} s`), o.timeoutMs ?? 30_000);
    const fail = (why: string): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new SetupError(`${o.script} ${why}${stderr.trim() ? `:\n${stderr.trim()}` : ''}`));
    };
    child.once('exit', (code, signal) => fail(`exited (${signal ?? `code ${String(code)}`}) before it was ready`));
    child.once('error', (err) => fail(`could not be started (${err.message})`));
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (s: string) => {
      buffered += s;
      for (let nl = buffered.indexOf('\n'); nl !== -1; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as Partial<ReadyLine>;
          if (parsed.ready === true && typeof parsed.token_url === 'string') {
            clearTimeout(timer);
            child.removeAllListeners('exit');
            child.stdout?.removeAllListeners('data');
            child.stdout?.resume();
            resolve(parsed as ReadyLine);
            return;
          }
        } catch {
          // not the ready line; keep reading
        }
      }
    });
  });

  return {
    ready,
    child,
    memory: () =>
      new Promise<MemoryReport>((resolve, reject) => {
        const timer = setTimeout(() => reject(new SetupError(`${o.script} did not answer a memory request within 10 s`)), 10_000);
        const onMessage = (msg: MemoryReport): void => {
          if (msg?.type !== 'memory') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve(msg);
        };
        child.on('message', onMessage);
        child.send({ type: 'memory' });
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
