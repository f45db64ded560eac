/**
 * For the desktop channel's own tests: a running desktop server on a fresh socket, its control
 * plane served by a loopback HTTP server, and callers that check every answer against
 * openapi/desktop-ipc.yaml.
 */
import { createServer, request, Agent, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClock, type Clock } from '../core/clock.js';
import { loadDesktopContract, type DesktopContract } from './desktop-contract.js';
import { startDesktopServer, type RunningDesktopServer } from '../http/desktop/server.js';

export interface Answer { status: number; body: any; contentType: string | undefined }

export interface DesktopHarness {
  clock: Clock;
  server: RunningDesktopServer;
  socketPath: string;
  controlUrl: string;
  contract: DesktopContract;
  /** A data-plane request over the socket (keep-alive connection of this process). */
  call(method: string, path: string, body?: unknown): Promise<Answer>;
  control(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /** init_client for `account` and approve its prompt through the control plane; returns the client id. */
  approvedClient(account?: string, integration?: string): Promise<string>;
  invoke(clientId: string, name: string, parameters?: Record<string, unknown>): Promise<Answer>;
  waitForPrompts(n?: number): Promise<any[]>;
  close(): Promise<void>;
}

export const initBody = (account = 'Demo Account', integrationName = 'authprobe tests') => ({
  account_name: account,
  integrationName,
  integrationVersion: 'v1.0.0',
  programmingLanguage: 'JS',
  sdkVersion: '0.4.0',
  os: 'linux',
  architecture: process.arch,
});

let sharedContract: DesktopContract | undefined;

export async function startHarness(config?: unknown): Promise<DesktopHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-dsk-'));
  const socketPath = join(dir, 'desktop.sock');
  const clock = createClock();
  const server = (await startDesktopServer({ clock, socketPath, config }))!;
  const contract = (sharedContract ??= loadDesktopContract());
  // The control plane through the mock's one router, on a loopback server of the test's own.
  const http: Server = createServer(server.controlListener);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const port = (http.address() as { port: number }).port;
  const controlUrl = `http://127.0.0.1:${port}/_mock/desktop`;
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });

  const call = (method: string, path: string, body?: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request({ socketPath: server.socketPath, agent, method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          const parsed = text ? JSON.parse(text) : undefined;
          const answer = { status: res.statusCode!, body: parsed, contentType: res.headers['content-type'] };
          try {
            contract.check({ method, path, status: answer.status, body: parsed, contentType: answer.contentType });
          } catch (e) { reject(e); return; }
          resolve(answer);
        });
      });
      req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  const control = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${controlUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const contentType = res.headers.get('content-type') ?? undefined;
    const text = await res.text();
    const parsed = contentType?.startsWith('application/json') && text ? JSON.parse(text) : text;
    contract.check({ method, path: `/_mock/desktop${path}`, status: res.status, body: parsed, contentType });
    return { status: res.status, body: parsed, contentType };
  };

  const waitForPrompts = async (n = 1) => {
    const until = Date.now() + 20_000; // a wait, not an assertion: a child process may be slow to start under load
    for (;;) {
      const { body } = await control('GET', '/prompts');
      if (body.prompts.length >= n) return body.prompts;
      if (Date.now() > until) throw new Error(`expected ${n} pending prompt(s), saw ${body.prompts.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  const h: DesktopHarness = {
    clock, server, socketPath: server.socketPath, controlUrl, contract, call, control, waitForPrompts,
    async approvedClient(account = 'Demo Account', integration = 'authprobe tests') {
      const before = new Set(((await control('GET', '/prompts')).body.prompts as any[]).map((p) => p.id));
      const pending = call('POST', '/v1/clients', initBody(account, integration));
      let prompt: any;
      const until = Date.now() + 20_000; // a wait, not an assertion: a child process may be slow to start under load
      while (!prompt) {
        prompt = ((await control('GET', '/prompts')).body.prompts as any[]).find((p) => !before.has(p.id));
        if (!prompt) {
          if (Date.now() > until) throw new Error('no prompt appeared');
          await new Promise((r) => setTimeout(r, 10));
        }
      }
      const approved = await control('POST', `/prompts/${prompt.id}/approve`);
      if (approved.status !== 200) throw new Error(`approve answered ${approved.status}`);
      const answer = await pending;
      if (answer.status !== 201) throw new Error(`init answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.clientId as string;
    },
    invoke: (clientId, name, parameters = {}) => call('POST', `/v1/clients/${clientId}/invoke`, { name, parameters }),
    async close() {
      agent.destroy();
      await server.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
