/**
 * The node:http adapter: reads the body (capped), hands a plain request to the router and
 * writes the answer. No Fetch Request/Response objects on this path: it is the benchmarked one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardControl } from './control.js';
import type { MountedRoute } from './routes.js';
import { createRouter, type RouterOptions } from './router.js';

export const MAX_BODY_BYTES = 64 * 1024;

export interface HttpServerOptions extends RouterOptions {
  routes?: readonly MountedRoute[];
  maxBodyBytes?: number;
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

const TOO_LARGE = JSON.stringify({ error: 'invalid_request', error_description: 'the body is larger than the limit of 64 KiB' });

/** A request listener for node:http; `options.server` may be set after creation via `bind`. */
export function createRequestListener(o: HttpServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const route = createRouter(o);
  const cap = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const routes = o.routes ?? [];

  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const loopback = isLoopbackAddress(req.socket.remoteAddress);

    if (routes.length > 0 && path.startsWith('/_mock/')) {
      const mounted = routes.find((r) => path.startsWith(r.prefix));
      if (mounted) {
        const refused = guardControl(o, loopback, req.headers.authorization);
        if (refused) {
          res.writeHead(refused.status, refused.headers).end(refused.body);
          return;
        }
        Promise.resolve()
          .then(() => mounted.handle(req, res, new URL(url, 'http://127.0.0.1')))
          .then((handled) => {
            if (!handled && !res.headersSent) res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not_found"}');
          })
          .catch(() => {
            if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_request"}');
            else res.end();
          });
        return;
      }
    }

    const declared = Number(req.headers['content-length']);
    if (declared > cap) {
      res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(TOO_LARGE);
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
        res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' }).end(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (tooLarge) return;
      const body = chunks.length === 0 ? '' : chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
      route({
        method: req.method ?? 'GET',
        path,
        query: q === -1 ? '' : url.slice(q + 1),
        contentType: req.headers['content-type'],
        authorization: req.headers.authorization,
        body,
        loopback,
      }).then(
        (result) => {
          if ('drop' in result) {
            req.socket.destroy();
            return;
          }
          res.writeHead(result.status, result.headers);
          res.end(req.method === 'HEAD' ? undefined : result.body);
        },
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
