/**
 * The node:http adapter, for both listeners (TCP and the desktop Unix socket): reads the body
 * (capped), hands a plain request to the router and writes what it answers. No Fetch
 * Request/Response objects on this path: it is the benchmarked one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
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
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const tcpCaller = (req: IncomingMessage): Caller => (isLoopbackAddress(req.socket.remoteAddress) ? LOOPBACK_CALLER : REMOTE_CALLER);

function write(req: IncomingMessage, res: ServerResponse, result: RouteResult): void {
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

  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const caller = callerOf(req);
    const refuseTooLarge = () => {
      const a = route.tooLarge({ path, caller }, cap);
      res.writeHead(a.status, a.headers).end(a.body);
    };

    const declared = Number(req.headers['content-length']);
    if (declared > cap) {
      refuseTooLarge();
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > cap) {
        tooLarge = true;
        refuseTooLarge();
        return;
      }
      chunks.push(chunk);
    });
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
        (result) => write(req, res, result),
        () => {
          if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request"}');
        },
      );
    });
  };
}

export interface ListeningServer {
  server: Server;
  host: string;
  port: number;
}

/** Binds before the authorization server exists, since the issuer depends on the port. */
export function listen(host: string, port: number): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = createServer({ keepAliveTimeout: 5000 });
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, host, port: (server.address() as AddressInfo).port });
    });
  });
}
