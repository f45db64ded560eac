/**
 * Starts the reference authorization server on a TCP port: binds first (the issuer names the
 * port), then creates the core and attaches the request listener; the desktop app, when there
 * is one, joins the same router (its control plane under `/_mock/desktop`).
 */
import type { Server } from 'node:http';
import { AuthorizationServer } from '../core/authorization-server.js';
import type { Clock } from '../core/clock.js';
import type { MockConfig } from '../core/config.js';
import type { DefectSet } from '../core/defects.js';
import { createRequestListener, listen } from './node-server.js';
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
  const { server, port } = await listen(o.host, o.port);
  const issuer = `http://${issuerHost(o.host)}:${port}`;
  let core: AuthorizationServer;
  try {
    core = await AuthorizationServer.create({ issuer, config: o.config, clock: o.clock, defects: o.defects, consent: o.consent });
  } catch (err) {
    server.close();
    throw err;
  }
  const routing: RouterOptions = { server: core, controlToken: o.controlToken, onReset: o.onReset, desktop: null };
  server.on('request', createRequestListener(routing));
  // Malformed HTTP gets a 400 and a closed connection, never a hang.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
    else socket.destroy();
  });
  // Expired codes and tokens go, so memory stays flat under load.
  const purge = setInterval(() => core.purgeExpired(), 30_000);
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
