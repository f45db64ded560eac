/**
 * The node:http adapter, for both listeners (TCP and the desktop Unix socket): reads the body
 * (capped), hands a plain request to the router and writes what it answers. No Fetch
 * Request/Response objects on this path: it is the benchmarked one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { MAX_BODY_BYTES } from './body-limit.js';
import { LOOPBACK_CALLER, REMOTE_CALLER, type Caller } from './request.js';
import type { RouteResult } from './route-result.js';
import { createRouter, type Router, type RouterOptions } from './router.js';

export interface ListenerOptions {
  /** Default MAX_BODY_BYTES (body-limit.ts). */
  maxBodyBytes?: number;
  /** Who is calling; default: loopback or not, from the TCP peer address. */
  callerOf?: (req: IncomingMessage) => Caller;
  /** Give each request an AbortSignal that fires when the caller hangs up (routes that hold requests). */
  abortable?: boolean;
  /** Where an unexpected throw is logged (default stderr); the line names method and path, never headers or body. */
  log?: (line: string) => void;
}

/**
 * After a 413, how much more of the body is read and thrown away so that the client, still
 * sending, sees the answer instead of a reset; past this the connection is closed.
 */
export const DRAIN_BYTES = 1024 * 1024;

/** The answer to a throw no route caught: a 500 the caller can read, and the server keeps serving. */
const SERVER_ERROR = '{"error":"server_error","error_description":"the mock failed on this request; it is logged, and the server keeps serving"}';

function serverError(req: IncomingMessage, res: ServerResponse, err: unknown, log: (line: string) => void): void {
  // Method, path and the error's name and message only: no header, query or body (they may hold secrets).
  const path = (req.url ?? '/').split('?')[0]!.slice(0, 200);
  log(`authprobe mock: internal error on ${req.method ?? '?'} ${JSON.stringify(path)}: ${err instanceof Error ? `${err.name}: ${err.message}` : 'a non-Error was thrown'}\n`);
  try {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' }).end(SERVER_ERROR);
    else res.destroy();
  } catch {
    res.destroy();
  }
}

/**
 * Malformed HTTP that never reached a handler: 431 for headers over node's limit, 408 for a
 * request not received within `requestTimeout`/`headersTimeout`, else 400; the connection closes.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex, body = ''): void {
  if (!socket.writable || (err.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const tcpCaller = (req: IncomingMessage): Caller => (isLoopbackAddress(req.socket.remoteAddress) ? LOOPBACK_CALLER : REMOTE_CALLER);

function write(req: IncomingMessage, res: ServerResponse, result: RouteResult, log: (line: string) => void): void {
  try {
    writeResult(req, res, result);
  } catch (err) {
    // e.g. a header value node refuses (ERR_INVALID_CHAR): a 500, never an unhandled rejection.
    serverError(req, res, err, log);
  }
}

function writeResult(req: IncomingMessage, res: ServerResponse, result: RouteResult): void {
  if ('drop' in result) {
    req.socket.destroy();
    return;
  }
  if ('hold' in result) return;
  if ('stream' in result) {
    const { stream } = result;
    res.writeHead(stream.status, stream.headers);
    const stop = stream.open((chunk) => res.write(chunk));
    res.on('close', stop);
    return;
  }
  res.writeHead(result.status, result.headers);
  res.end(req.method === 'HEAD' ? undefined : result.body);
}

/** A request listener over the router, or over one given (so two listeners can share it). */
export function createRequestListener(o: RouterOptions | Router, l: ListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const route = typeof o === 'function' ? o : createRouter(o);
  const cap = l.maxBodyBytes ?? MAX_BODY_BYTES;
  const callerOf = l.callerOf ?? tcpCaller;
  const abortable = l.abortable ?? false;
  const log = l.log ?? ((line: string) => { process.stderr.write(line); });

  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const caller = callerOf(req);
    // The 413 goes out once the body has been read and discarded (up to DRAIN_BYTES more), so a
    // client still sending sees the answer rather than a reset; past that the connection closes.
    let tooLarge = false;
    let drained = 0;
    const refuseTooLarge = () => {
      tooLarge = true;
      const a = route.tooLarge({ path, caller }, cap);
      const answer = () => { if (!res.headersSent) res.writeHead(a.status, { ...a.headers, connection: 'close' }).end(a.body); };
      if (req.complete) return answer();
      req.on('end', answer);
      req.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > DRAIN_BYTES) {
          req.pause();
          answer();
          res.once('finish', () => req.socket.destroy());
        }
      });
    };

    const declared = Number(req.headers['content-length']);
    if (declared > cap) {
      refuseTooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.off('data', onData);
        refuseTooLarge();
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      let signal: AbortSignal | undefined;
      if (abortable) {
        const hangUp = new AbortController();
        res.on('close', () => { if (!res.writableFinished) hangUp.abort(); });
        signal = hangUp.signal;
      }
      route({
        method: req.method ?? 'GET',
        path,
        query: q === -1 ? '' : url.slice(q + 1),
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        headers: req.headers,
        body,
        caller,
        signal,
      }).then(
        (result) => write(req, res, result, log),
        (err: unknown) => serverError(req, res, err, log),
      );
    });
  };
}

export interface ListeningServer {
  server: Server;
  host: string;
  port: number;
}

/** How long a caller may take (node:http's limits; past them node answers 408 through `answerClientError`). */
export interface HttpTimeouts {
  /** The whole request, headers and body (default 30 s). */
  requestTimeoutMs?: number;
  /** The headers alone (default 10 s; at most requestTimeoutMs). */
  headersTimeoutMs?: number;
}

/** Options of every node:http server of the mock: keep-alive, the request timeouts and how often they are checked. */
export function serverOptions(t: HttpTimeouts = {}) {
  const requestTimeout = t.requestTimeoutMs ?? 30_000;
  const headersTimeout = Math.min(t.headersTimeoutMs ?? 10_000, requestTimeout);
  // node checks the timeouts every connectionsCheckingInterval (default 30 s): check often enough to answer near the limit.
  return { keepAliveTimeout: 5000, requestTimeout, headersTimeout, connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeout / 4))) };
}

/** Binds before the authorization server exists, since the issuer depends on the port. */
export function listen(host: string, port: number, timeouts: HttpTimeouts = {}): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = createServer(serverOptions(timeouts));
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, host, port: (server.address() as AddressInfo).port });
    });
  });
}
