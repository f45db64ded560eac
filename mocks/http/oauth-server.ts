/**
 * Starts the reference authorization server on a TCP port: binds first (the issuer names the
 * port), then creates the core and attaches the request listener; the desktop app, when there
 * is one, joins the same router (its control plane under `/_mock/desktop`).
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AuthorizationServer } from '../core/authorization-server.js';
import type { Clock } from '../core/clock.js';
import type { MockConfig } from '../core/config.js';
import type { DefectSet } from '../core/defects.js';
import type { SigningKey } from '../core/keys.js';
import { answerClientError, createRequestListener, listen, type HttpTimeouts } from './node-server.js';
import { hostNamesFor } from './host-guard.js';
import type { DesktopApp } from './desktop/app.js';
import type { RouterOptions } from './router.js';

export interface OAuthServerOptions {
  host: string;
  port: number;
  config: MockConfig;
  clock: Clock;
  consent: 'page' | 'auto';
  defects: readonly string[] | DefectSet;
  controlToken?: string | undefined;
  onReset?: () => void;
  /** The public issuer when it differs from the bind address (a proxy, a wildcard bind); default from host and port. */
  issuer?: string | undefined;
  /** The signing key (e.g. loaded from `--keys FILE`); default a fresh one. */
  key?: SigningKey | undefined;
  /** node:http's request and header timeouts (408). */
  timeouts?: HttpTimeouts | undefined;
}

export interface RunningOAuthServer {
  issuer: string;
  port: number;
  server: Server;
  core: AuthorizationServer;
  /** Serves the desktop app's control plane from now on (it starts after the issuer is known). */
  attachDesktop(app: DesktopApp): void;
  close(): Promise<void>;
}

/** How a bound host appears in the issuer: wildcard binds are reached over loopback. */
function issuerHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startOAuthServer(o: OAuthServerOptions): Promise<RunningOAuthServer> {
  const { server, port } = await listen(o.host, o.port, o.timeouts);
  const issuer = o.issuer?.replace(/\/+$/, '') ?? `http://${issuerHost(o.host)}:${port}`;
  // The port is open before the core exists (its key is made after binding): a request that comes
  // in between (a readiness probe polling the port) waits for the core instead of hanging unanswered.
  let listener: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const early: Array<[IncomingMessage, ServerResponse]> = [];
  server.on('request', (req: IncomingMessage, res: ServerResponse) => (listener ? listener(req, res) : early.push([req, res])));
  let core: AuthorizationServer;
  try {
    core = await AuthorizationServer.create({ issuer, config: o.config, clock: o.clock, defects: o.defects, consent: o.consent, ...(o.key ? { key: o.key } : {}) });
  } catch (err) {
    server.close();
    server.closeAllConnections();
    throw err;
  }
  // DNS rebinding: a page on a name that resolves here still sends its own name in Host (host-guard.ts).
  const routing: RouterOptions = { server: core, controlToken: o.controlToken, onReset: o.onReset, desktop: null, hostNames: hostNamesFor(o.host, issuer) };
  listener = createRequestListener(routing);
  for (const [req, res] of early.splice(0)) listener(req, res);
  // Malformed HTTP gets a 400 (431 oversized headers, 408 too slow) and a closed connection, never a hang.
  server.on('clientError', (err: Error & { code?: string }, socket) => answerClientError(err, socket));
  // Expired codes and tokens go, so memory stays flat under load: a slice per tick, so that a
  // million expired entries never hold up the requests being served.
  let purging = false;
  const purgeSlices = () => {
    if (core.purgeSlice().done) purging = false;
    else setImmediate(purgeSlices);
  };
  const purge = setInterval(() => {
    if (purging) return;
    purging = true;
    purgeSlices();
  }, 30_000);
  purge.unref();

  return {
    issuer,
    port,
    server,
    core,
    attachDesktop: (app) => { routing.desktop = app; },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(purge);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
