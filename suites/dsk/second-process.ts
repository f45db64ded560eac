/**
 * Requests from other, real processes: the app tells callers apart by the socket's peer process
 * (and, under terminal scoping, by its terminal session), so a request from this process with a
 * borrowed client id proves nothing. The child is plain JavaScript given to `node -e` (no
 * TypeScript loader, nothing to ship beside the build); it speaks one request over the socket in
 * the target's protocol and prints one JSON line. `newSession` starts it under `setsid`, in a
 * terminal session of its own (Linux; util-linux).
 */
import { spawn, type SpawnOptionsWithStdioTuple } from 'node:child_process';
import { answerOfReply } from './envelope-client.js';
import type { DesktopProtocol } from './channel.js';

const CHILD = `
import { request } from 'node:http';
import { connect } from 'node:net';
import { endianness } from 'node:os';
import { spawn } from 'node:child_process';
const r = JSON.parse(process.argv[1]);
const call = (r) => new Promise((resolve) => {
  let settled = false;
  const out = (v) => { if (!settled) { settled = true; resolve(v); } };
  if (r.protocol === 'envelope') {
    const body = Buffer.from(JSON.stringify({ kind: r.kind, account_name: r.account_name, payload: Buffer.from(JSON.stringify(r.payload)).toString('base64') }));
    const head = Buffer.alloc(4);
    if (endianness() === 'LE') head.writeUInt32LE(body.length); else head.writeUInt32BE(body.length);
    const s = connect(r.socketPath, () => s.write(Buffer.concat([head, body])));
    let buf = Buffer.alloc(0);
    s.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 4) return;
      const len = endianness() === 'LE' ? buf.readUInt32LE(0) : buf.readUInt32BE(0);
      if (buf.length < 4 + len) return;
      try { out({ reply: JSON.parse(buf.subarray(4, 4 + len).toString('utf8')) }); } catch { out({ error: 'the reply frame is not JSON' }); }
      s.destroy();
    });
    s.on('error', (e) => out({ error: String(e && e.message || e) }));
    s.on('close', () => out({ error: 'the app closed the connection without an answer' }));
    setTimeout(() => { out({ error: 'no answer in ' + r.timeoutMs + ' ms' }); s.destroy(); }, r.timeoutMs).unref();
  } else {
    const req = request({ socketPath: r.socketPath, method: r.method, path: r.path, headers: r.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let parsed = text;
        try { parsed = text ? JSON.parse(text) : undefined; } catch {}
        out({ status: res.statusCode, body: parsed });
      });
    });
    req.setTimeout(r.timeoutMs, () => req.destroy(new Error('no answer in ' + r.timeoutMs + ' ms')));
    req.on('error', (e) => out({ error: String(e && e.message || e) }));
    req.end(r.body === undefined ? undefined : JSON.stringify(r.body));
  }
});
const answer = await call(r);
process.stdout.write(JSON.stringify({ ...answer, pid: process.pid }) + '\\n');
// A second request from a child of this process: same terminal session, another process.
if (r.then) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', process.argv[2], JSON.stringify(r.then), process.argv[2]], { stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('close', () => process.exit(0));
  child.on('error', (e) => { process.stdout.write(JSON.stringify({ error: 'cannot start the child: ' + e.message }) + '\\n'); process.exit(0); });
} else process.exit(0);
`;

export interface ChildAnswer {
  status?: number;
  body?: unknown;
  error?: string;
  pid?: number;
}

/** One channel call, in either protocol's terms. */
export type ChildCall =
  | { op: 'init'; config: Record<string, string> }
  | { op: 'invoke'; clientId: string; name: string; parameters: Record<string, unknown> }
  | { op: 'release'; clientId: string };

export interface ChildRequest {
  socketPath: string;
  protocol: DesktopProtocol;
  call: ChildCall;
  timeoutMs: number;
  /** Start the child in a terminal session of its own (`setsid`). */
  newSession?: boolean;
}

const wireId = (id: string): string | number => (/^[1-9]\d{0,15}$/.test(id) && Number.isSafeInteger(Number(id)) ? Number(id) : id);

function wire(req: ChildRequest): Record<string, unknown> {
  const { call, socketPath, protocol, timeoutMs } = req;
  if (protocol === 'envelope') {
    const kind = call.op === 'init' ? 'init_client' : call.op === 'invoke' ? 'invoke' : 'release_client';
    const payload = call.op === 'init' ? call.config
      : call.op === 'invoke' ? { invocation: { clientId: wireId(call.clientId), parameters: { name: call.name, parameters: call.parameters } } }
      : { clientId: wireId(call.clientId) };
    return { protocol, socketPath, timeoutMs, kind, account_name: call.op === 'init' ? call.config.account_name : '', payload };
  }
  const id = call.op === 'init' ? '' : encodeURIComponent(call.clientId);
  if (call.op === 'init') return { protocol, socketPath, timeoutMs, method: 'POST', path: '/v1/clients', body: call.config };
  if (call.op === 'invoke') return { protocol, socketPath, timeoutMs, method: 'POST', path: `/v1/clients/${id}/invoke`, body: { name: call.name, parameters: call.parameters } };
  return { protocol, socketPath, timeoutMs, method: 'DELETE', path: `/v1/clients/${id}` };
}

/** Runs one request from a fresh `node` process; resolves with its answer, never hangs. */
export async function requestFromSecondProcess(req: ChildRequest): Promise<ChildAnswer> {
  return (await runChildren(req, []))[0]!;
}

/**
 * Two requests from one terminal session of their own: a `node` process started under `setsid`
 * (the session's leader) makes `first`, then a child of it makes `then`. The suite makes the
 * session itself because its own may be invisible to the app: in a container whose init is
 * outside the PID namespace, `/proc/<pid>/stat` reports session 0 for every process.
 */
export async function requestsFromOneNewSession(first: Omit<ChildRequest, 'newSession'>, then: ChildCall): Promise<[ChildAnswer, ChildAnswer]> {
  const [a, b] = await runChildren({ ...first, newSession: true }, [then]);
  return [a!, b ?? { error: 'the second process of the session gave no answer' }];
}

function answerOf(call: ChildCall, line: string | undefined, exit: string): ChildAnswer {
  let parsed: ChildAnswer & { reply?: unknown };
  try {
    parsed = JSON.parse(line ?? '') as ChildAnswer & { reply?: unknown };
  } catch {
    return { error: exit };
  }
  if (parsed.reply === undefined) return parsed;
  const kind = call.op === 'init' ? 'init_client' : call.op === 'invoke' ? 'invoke' : 'release_client';
  const a = answerOfReply(kind, parsed.reply);
  return a ? { status: a.status, body: a.body, ...(parsed.pid !== undefined ? { pid: parsed.pid } : {}) } : { error: `the reply is not {success, payload}: ${JSON.stringify(parsed.reply).slice(0, 200)}` };
}

/** One answer per call (`req.call`, then each of `then` from a child of the one before); never hangs. */
function runChildren(req: ChildRequest, then: ChildCall[]): Promise<ChildAnswer[]> {
  const calls = [req.call, ...then];
  const chained = then.reduceRight<Record<string, unknown> | undefined>((next, call) => ({ ...wire({ ...req, call }), ...(next ? { then: next } : {}) }), undefined);
  const payload = { ...wire(req), ...(chained ? { then: chained } : {}) };
  const budgetMs = (req.timeoutMs + 5000) * calls.length;
  return new Promise((resolve) => {
    const args = ['--input-type=module', '-e', CHILD, JSON.stringify(payload), CHILD];
    const options: SpawnOptionsWithStdioTuple<'ignore', 'pipe', 'pipe'> = { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } };
    const child = req.newSession ? spawn('setsid', ['--wait', process.execPath, ...args], options) : spawn(process.execPath, args, options);
    let stdout = '';
    let stderr = '';
    const done = (answers: ChildAnswer[]) => {
      clearTimeout(timer);
      resolve(answers);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done(calls.map(() => ({ error: `the second process got no answer within ${budgetMs} ms` })));
    }, budgetMs);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => done(calls.map(() => ({ error: `cannot start a second ${req.newSession ? 'session (setsid)' : 'node process'}: ${e.message}` }))));
    child.on('close', (code) => {
      const lines = stdout.trim().split('\n');
      const exit = `the second process exited with ${code} and no answer${stderr ? `: ${stderr.trim().slice(0, 300)}` : ''}`;
      done(calls.map((call, i) => answerOf(call, lines[i], exit)));
    });
  });
}
