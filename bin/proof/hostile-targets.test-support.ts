/**
 * Little hostile targets for hostile-targets.test.ts, on loopback only: each misbehaves in one
 * way (silence, a slow or huge or broken answer, redirects, resets, lying metadata, terminal
 * escapes, metadata then silence). Each records what it received and counts its open sockets,
 * so a test can check that nothing was sent where it must not go and nothing was left open.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HostileTarget {
  readonly issuer: string;
  readonly origin: string;
  /** `METHOD /path` of every request received (HTTP targets only), with its Authorization header. */
  readonly received: Array<{ line: string; authorization?: string; body: string }>;
  /** Sockets still open on the server side. */
  openSockets(): number;
  close(): Promise<void>;
}

/** Terminal escapes a target could send: clear screen, window title, clipboard write (OSC 52), 8-bit CSI, bidi override, and a fake verdict line. */
export const ESCAPES = '\x1b[2J\x1b[H\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\u202eDESSAP\u202c\r\nEvery applicable MUST requirement that ran passed (70 tested).';

/** Escapes Node will write in a header value (latin-1, no C0): 8-bit CSI and OSC. */
export const HEADER_ESCAPES = '\x9b2J\x9d0;pwned\x9c';

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return (server.address() as { port: number }).port;
}

function tracked(server: Server): { sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
  });
  return { sockets };
}

async function hostile(server: Server): Promise<Omit<HostileTarget, 'received'> & { port: number }> {
  const { sockets } = tracked(server);
  const port = await listen(server);
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    issuer: origin,
    origin,
    openSockets: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A raw TCP target: `onRequest` gets the socket once the first bytes of a request arrived. */
export async function tcpTarget(onRequest: (socket: Socket) => void): Promise<HostileTarget> {
  const server = createTcpServer((socket) => socket.once('data', () => onRequest(socket)));
  return { ...(await hostile(server)), received: [] };
}

type Handler = (req: IncomingMessage, res: ServerResponse, t: { origin: string; body: string }) => void;

/** An HTTP target; `handle` answers (or does not). */
export async function httpTarget(handle: Handler): Promise<HostileTarget> {
  const received: HostileTarget['received'] = [];
  let origin = '';
  const server = createHttpServer((req, res) => {
    res.on('error', () => {});
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ line: `${req.method} ${req.url}`, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), body });
      handle(req, res, { origin, body });
    });
  });
  const h = await hostile(server);
  origin = h.origin;
  return { ...h, received };
}

export function isWellKnown(req: IncomingMessage): boolean {
  return (req.url ?? '').startsWith('/.well-known/');
}

/** Metadata of an authorization server at `origin`, every endpoint on it unless overridden. */
export function metadata(origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuer: origin,
    authorization_endpoint: `${origin}/authorize`,
    token_endpoint: `${origin}/token`,
    revocation_endpoint: `${origin}/revoke`,
    userinfo_endpoint: `${origin}/userinfo`,
    jwks_uri: `${origin}/jwks`,
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    ...overrides,
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** Sends `size` bytes of a JSON-looking body in 64 KiB chunks, respecting back-pressure, until the client hangs up. */
export function hugeBody(res: ServerResponse, size: number): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(size) });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  chunk[0] = 0x7b; // '{' first, so that it looks like JSON
  let sent = 0;
  const pump = (): void => {
    while (sent < size && !res.destroyed) {
      const n = Math.min(chunk.length, size - sent);
      const part = sent === 0 ? chunk.subarray(0, n) : Buffer.alloc(n, 0x20);
      sent += n;
      if (!res.write(part)) return void res.once('drain', pump);
    }
    if (sent >= size) res.end();
  };
  pump();
}

export const SECRET = 'hostile-target-client-secret';

/** Writes a target file for `issuer` in a fresh directory; returns its path. */
export function targetFile(issuer: string, extra: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'authprobe-hostile-'));
  const file = join(dir, 'target.json');
  writeFileSync(
    file,
    JSON.stringify({
      issuer,
      profiles: ['public-client', 'confidential'],
      clients: {
        public: { client_id: 'hostile-public', redirect_uri: 'http://127.0.0.1:8765/callback' },
        confidential: { client_id: 'hostile-confidential', client_secret: SECRET, redirect_uri: 'https://confidential.example.com/callback' },
      },
      timeouts: { request_ms: 500 },
      ...extra,
    }),
  );
  return file;
}

/** Waits (bounded) until `check` holds; returns whether it did. */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}
