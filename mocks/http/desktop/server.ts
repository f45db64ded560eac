/**
 * The desktop channel on a Unix socket: HTTP/1.1 + JSON (openapi/desktop-ipc.yaml) through the
 * mock's one router, and, on the same socket, the real channel's length-prefixed envelope
 * (raw-envelope.ts) over the same core. The control plane is served by the mock's HTTP server
 * (`attachDesktop`) or, standing alone, by `controlListener`.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type Socket } from 'node:net';
import type { Clock } from '../../core/clock.js';
import type { DefectSet } from '../../core/defects.js';
import { DesktopChannel } from '../../core/desktop/channel.js';
import { MAX_FRAME_BYTES } from '../body-limit.js';
import { createRequestListener } from '../node-server.js';
import { LOOPBACK_CALLER, type Caller } from '../request.js';
import type { DesktopApp } from './app.js';
import { CONTROL_PREFIX } from './control-plane.js';
import { createTransportFaults } from './faults.js';
import { connectionIdentity, resolvePeerIdentity } from './peer-identity.js';
import { encodeFrame, envelopeLimits, looksLikeRawFrame, serveRawEnvelope, type EnvelopeLimits } from './raw-envelope.js';
import { defaultSocketPath, listenOnSocket } from './socket-file.js';

export interface DesktopServerOptions {
  clock: Clock;
  /** Unix socket path; default under $XDG_RUNTIME_DIR, else the temp dir. */
  socketPath?: string;
  /** The `desktop` section of the mock config (accounts, vaults, items, policy); `false` = no desktop channel. */
  config?: unknown;
  /** Defect switches, as names (checked here; unknown ones throw UnknownDefectError) or a checked set. */
  defects?: readonly string[] | DefectSet;
  /** Per-caller limits of the socket (issue 12): open connections, and the envelope's stall time and buffered bytes. */
  limits?: { maxConnectionsPerCaller?: number; stallMs?: number; maxBufferedBytesPerCaller?: number };
}

/** Enough for an SDK's pool and a test's burst; a runaway caller cannot hold every descriptor. */
export const DEFAULT_MAX_CONNECTIONS_PER_CALLER = 64;

export interface RunningDesktopServer {
  readonly socketPath: string;
  /** What the mock's router serves: channel, transport faults, socket path. */
  readonly app: DesktopApp;
  /** The transport-free core, for in-process use (fixtures, tests). */
  readonly channel: DesktopChannel;
  /** The control plane alone, for a loopback HTTP server of its own (the router's guard is the caller's job). */
  readonly controlListener: (req: IncomingMessage, res: ServerResponse) => void;
  /** `controlListener` in the shape of a route: answers paths under `/_mock/desktop` and returns true, else false. */
  readonly controlRoute: { readonly prefix: string; handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean };
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
  const callers = new WeakMap<Socket, Caller>();
  const maxConnections = options.limits?.maxConnectionsPerCaller ?? DEFAULT_MAX_CONNECTIONS_PER_CALLER;
  const openByCaller = new Map<string, number>();
  const limits: EnvelopeLimits = envelopeLimits({ stallMs: options.limits?.stallMs, maxBufferedBytes: options.limits?.maxBufferedBytesPerCaller });

  const listener = createNetServer((socket) => {
    if (faults.refusing) { socket.destroy(); return; }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => { /* a peer that vanishes is not our failure */ });
    // The caller is identified before anything it sends is read (DESKTOP.md).
    const identity = resolvePeerIdentity(socket).catch(() => connectionIdentity());
    // A peer that connects and says nothing is let go; after the first byte the protocol's own timeouts apply.
    const silent = () => socket.destroy();
    socket.setTimeout(30_000, silent);
    socket.once('data', (first: Buffer) => {
      socket.setTimeout(0);
      socket.off('timeout', silent); // the envelope sets its own stall timeout (raw-envelope.ts)
      socket.pause();
      socket.unshift(first);
      void identity.then((process) => {
        if (socket.destroyed) return;
        const open = (openByCaller.get(process.key) ?? 0) + 1;
        openByCaller.set(process.key, open);
        socket.once('close', () => {
          const left = (openByCaller.get(process.key) ?? 1) - 1;
          if (left <= 0) openByCaller.delete(process.key);
          else openByCaller.set(process.key, left);
        });
        if (open > maxConnections) {
          const message = `this process already has ${maxConnections} connections open; close some before opening more`;
          socket.end(looksLikeRawFrame(first)
            ? encodeFrame({ success: false, payload: { name: 'RateLimitExceeded', message } })
            : `HTTP/1.1 429 Too Many Requests\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(JSON.stringify({ name: 'RateLimitExceeded', message }))}\r\n\r\n${JSON.stringify({ name: 'RateLimitExceeded', message })}`);
          setTimeout(() => socket.destroy(), 1000).unref();
          return;
        }
        callers.set(socket, { loopback: true, process });
        if (looksLikeRawFrame(first)) serveRawEnvelope(channel, socket, process, { shouldDrop: () => faults.takeDrop(), takeSilent: () => faults.takeSilent(), takeLockInFlight: () => faults.takeLockInFlight() }, limits);
        else http.emit('connection', socket);
        socket.resume();
      });
    });
  });

  const stopListening = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    if (!listener.listening) return resolve();
    listener.close(() => resolve());
  });
  const faults = createTransportFaults(channel, { stop: stopListening, listen: () => listenOnSocket(listener, socketPath) });
  const app: DesktopApp = { channel, faults, socketPath };

  // The socket's HTTP dialect: the data plane of the one router, for callers identified above.
  const http = createHttpServer({ keepAliveTimeout: 5_000 }, createRequestListener({ desktop: app }, {
    maxBodyBytes: MAX_FRAME_BYTES,
    abortable: true, // init_client waits for the prompt; a caller that hangs up ends the wait
    callerOf: (req) => callers.get(req.socket) ?? { loopback: true, process: connectionIdentity() },
  }));
  http.on('clientError', (_e, socket) => { if (!socket.destroyed) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\n\r\n{"name":"InvalidRequest","message":"malformed HTTP request"}'); });

  await listenOnSocket(listener, socketPath);
  const controlListener = createRequestListener({ desktop: app }, { callerOf: () => LOOPBACK_CALLER });
  let closed = false;

  return {
    socketPath,
    app,
    channel,
    controlListener,
    controlRoute: {
      prefix: CONTROL_PREFIX,
      handle(req, res, url) {
        if (url.pathname !== CONTROL_PREFIX && !url.pathname.startsWith(`${CONTROL_PREFIX}/`)) return false;
        controlListener(req, res);
        return true;
      },
    },
    reset() {
      channel.reset();
      if (!closed) void faults.clear().catch(() => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      channel.close();
      await stopListening();
    },
  };
}
