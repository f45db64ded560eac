/**
 * DSK-4 needs a second, real process: the app tells callers apart by the socket's peer process,
 * so a request from this process with a borrowed client id proves nothing. The child is plain
 * JavaScript given to `node -e` (no TypeScript loader, nothing to ship beside the build), speaks
 * one request over the socket and prints `{status, body}` or `{error}` as one JSON line.
 */
import { spawn } from 'node:child_process';

const CHILD = `
import { request } from 'node:http';
const { socketPath, method, path, body, timeoutMs } = JSON.parse(process.argv[1]);
const out = (v) => { process.stdout.write(JSON.stringify(v) + '\\n'); process.exit(0); };
const req = request({ socketPath, method, path, headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' } }, (res) => {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (d) => { text += d; });
  res.on('end', () => {
    let parsed = text;
    try { parsed = text ? JSON.parse(text) : undefined; } catch {}
    out({ status: res.statusCode, body: parsed, pid: process.pid });
  });
});
req.setTimeout(timeoutMs, () => req.destroy(new Error('no answer in ' + timeoutMs + ' ms')));
req.on('error', (e) => out({ error: String(e && e.message || e), pid: process.pid }));
req.end(body === undefined ? undefined : JSON.stringify(body));
`;

export interface ChildAnswer {
  status?: number;
  body?: unknown;
  error?: string;
  pid?: number;
}

export interface ChildRequest {
  socketPath: string;
  method: 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  timeoutMs: number;
}

/** Runs one request from a fresh `node` process; resolves with its answer, never hangs. */
export function requestFromSecondProcess(req: ChildRequest): Promise<ChildAnswer> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, JSON.stringify(req)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    const done = (answer: ChildAnswer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({ error: `the second process got no answer within ${req.timeoutMs + 5000} ms` });
    }, req.timeoutMs + 5000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => done({ error: `cannot start a second node process: ${e.message}` }));
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        done(JSON.parse(line) as ChildAnswer);
      } catch {
        done({ error: `the second process exited with ${code} and no answer${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''}` });
      }
    });
  });
}
