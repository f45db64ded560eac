/**
 * The desktop channel on a Unix socket: HTTP/1.1 + JSON (openapi/desktop-ipc.yaml) and, on the
 * same socket, the real channel's length-prefixed envelope (raw-envelope.ts). The control plane
 * is returned as a MountedRoute for the mock's HTTP server (`/_mock/desktop/`).
 */
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { Clock } from '../../core/clock.js';
import type { DefectSet } from '../../core/defects.js';
import { DesktopChannel } from '../../core/desktop/channel.js';
import { DesktopConfigError } from '../../core/desktop/vault.js';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import type { MountedRoute } from '../routes.js';
import { createControlRoute, type ScenarioView, type TransportFaults } from './control-route.js';
import { handleDataPlane } from './data-plane.js';
import { connectionIdentity, resolvePeerIdentity } from './peer-identity.js';
import { looksLikeRawFrame, serveRawEnvelope } from './raw-envelope.js';
import { defaultSocketPath, listenOnSocket } from './socket-file.js';

export interface DesktopServerOptions {
  clock: Clock;
  /** Unix socket path; default under $XDG_RUNTIME_DIR, else the temp dir. */
  socketPath?: string;
  /** The `desktop` section of the mock config (accounts, vaults, items, policy); `false` = no desktop channel. */
  config?: unknown;
  /** Defect switches, as names (checked here; unknown ones throw UnknownDefectError) or a checked set. */
  defects?: readonly string[] | DefectSet;
}

export interface RunningDesktopServer {
  readonly socketPath: string;
  /** Mounted by the HTTP server under `/_mock/desktop/`. */
  readonly controlRoute: MountedRoute;
  /** The transport-free core, for in-process use (fixtures, tests). */
  readonly channel: DesktopChannel;
  /** Resets desktop state (called by `POST /_mock/reset`). */
  reset(): void;
  close(): Promise<void>;
}

export async function startDesktopServer(options: DesktopServerOptions): Promise<RunningDesktopServer | null> {
  // Unix sockets with peer lookup are a POSIX affair; the Windows named-pipe channel is not modelled.
  if (options.config === false || process.platform === 'win32') return null;
  const socketPath = options.socketPath ?? defaultSocketPath();
  const channel = new DesktopChannel({ clock: options.clock, config: options.config, defects: options.defects });
  const sockets = new Set<Socket>();
  const identities = new WeakMap<Socket, Promise<ProcessIdentity>>();
  // Requests held open by `desktop-drop-hangs`; closed with the server.
  const hung = new Set<Socket>();
  const scenario: ScenarioView = { drop: 0, refuse: false, rate_limit: 0 };

  const takeDrop = () => {
    if (scenario.drop <= 0) return false;
    scenario.drop -= 1;
    return true;
  };

  const http = createHttpServer({ keepAliveTimeout: 5_000 }, (req, res) => {
    void (async () => {
      const caller = (await identities.get(req.socket)) ?? connectionIdentity();
      // Scenario: the app drops the connection mid-request (clients see LostConnectionToApp).
      if (takeDrop()) {
        if (channel.defects.on('desktop-drop-hangs')) { hung.add(req.socket); return; }
        req.socket.destroy();
        return;
      }
      await handleDataPlane(channel, req, res, caller);
    })();
  });
  http.on('clientError', (_e, socket) => { if (!socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\n\r\n{"name":"InvalidRequest","message":"malformed HTTP request"}'); });

  const listener = createNetServer((socket) => {
    if (scenario.refuse) { socket.destroy(); return; }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => { /* a peer that vanishes is not our failure */ });
    // The caller is identified before anything it sends is read (DESKTOP.md).
    const identity = resolvePeerIdentity(socket).catch(() => connectionIdentity());
    identities.set(socket, identity);
    // A peer that connects and says nothing is let go; after the first byte the protocol's own timeouts apply.
    socket.setTimeout(30_000, () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.pause();
      socket.unshift(first);
      if (looksLikeRawFrame(first)) serveRawEnvelope(channel, socket, identity, { shouldDrop: takeDrop });
      else http.emit('connection', socket);
      socket.resume();
    });
  });

  const stopListening = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    if (!listener.listening) return resolve();
    listener.close(() => resolve());
  });

  const faults: TransportFaults = {
    scenarios: () => ({ ...scenario, rate_limit: channel.rateLimitRemaining }),
    async apply(input) {
      const o = (input ?? {}) as Record<string, unknown>;
      const count = (k: string) => {
        const v = o[k];
        if (v === undefined) return undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 1_000_000) throw new DesktopConfigError(`"${k}" must be a whole number from 0 to 1000000`);
        return v;
      };
      if (o.refuse !== undefined && typeof o.refuse !== 'boolean') throw new DesktopConfigError('"refuse" must be true or false');
      const unknown = Object.keys(o).filter((k) => !['drop', 'refuse', 'rate_limit'].includes(k));
      if (unknown.length) throw new DesktopConfigError(`unknown scenario field(s) ${unknown.join(', ')}; use {"drop": N}, {"refuse": true|false} or {"rate_limit": N}`);
      const drop = count('drop');
      const rate = count('rate_limit');
      if (drop !== undefined) scenario.drop = drop;
      if (rate !== undefined) channel.rateLimitNext(rate);
      if (o.refuse === true && !scenario.refuse) {
        scenario.refuse = true;
        await stopListening(); // the socket file goes too: as if the app were not running
      } else if (o.refuse === false && scenario.refuse) {
        scenario.refuse = false;
        await listenOnSocket(listener, socketPath);
      }
      return faults.scenarios();
    },
    clear: () => faults.apply({ drop: 0, rate_limit: 0, refuse: false }),
  };

  await listenOnSocket(listener, socketPath);
  const controlRoute = createControlRoute({ channel, faults, socketPath });
  let closed = false;

  return {
    socketPath,
    controlRoute,
    channel,
    reset() {
      channel.reset();
      if (!closed) void faults.clear().catch(() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const s of hung) s.destroy();
      channel.close();
      await stopListening();
    },
  };
}
