/**
 * The authprobe mocks: the reference OAuth 2.0 authorization server (node:http and msw) and,
 * beside it, the desktop channel on a Unix socket. `startMock` runs both on one clock.
 */
import type { AuthorizationServer } from './core/authorization-server.js';
import { createClock, type Clock } from './core/clock.js';
import type { MockConfig } from './core/config.js';
import { demoConfig } from './core/demo.js';
import { defectSet } from './core/defects.js';
import { loadOrCreateKeyFile } from './core/key-file.js';
import { startDesktopServer, type RunningDesktopServer } from './http/desktop/server.js';
import { startOAuthServer, type RunningOAuthServer } from './http/oauth-server.js';

export { createClock, createManualClock, type Clock } from './core/clock.js';
export {
  parseMockConfig,
  loadMockConfig,
  DEFAULT_LIFETIMES,
  type MockConfig,
  type ClientConfig,
  type UserConfig,
  type Lifetimes,
  type ParseResult,
} from './core/config.js';
export { demoConfig } from './core/demo.js';
export { defects, allDefects, defectByName, defectSet, UnknownDefectError, type Defect, type DefectName, type DefectSet } from './core/defects.js';
export { desktopDefects } from './core/desktop/defects.js';
export { AuthorizationServer } from './core/authorization-server.js';
export { signAccessToken } from './core/keys.js';
export { KeyFileError } from './core/key-file.js';
export type { ScenarioAction, ScenarioEndpoint } from './core/scenarios.js';
export { ADVERSARIES, type Adversary } from './core/client-conformance/adversaries.js';
export { clientFailures, type ClientReport, type ClientVerdict, type ClientVerdictStatus } from './core/client-conformance/report.js';
export type { ClientConfiguration } from './core/desktop/types.js';
export { oauthHandlers, type OAuthHandlersOptions } from './http/msw-handlers.js';
export type { DesktopApp } from './http/desktop/app.js';
export { DesktopChannel } from './core/desktop/channel.js';
export { desktopAppInProcess } from './http/desktop/in-process.js';

export interface StartMockOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  config?: MockConfig;
  consent?: 'page' | 'auto';
  defects?: string[];
  /** `false`: no desktop channel. */
  desktop?: boolean | { socketPath?: string };
  clock?: Clock;
  /** When set, /_mock/ requires `Authorization: Bearer <token>` (and accepts remote callers). */
  controlToken?: string;
  /** The public issuer URL when it differs from the bind address (a wildcard bind, a proxy). */
  issuer?: string;
  /** A JWK set file holding the signing key, created (0600) when missing, so the JWKS survives restarts. */
  keysFile?: string;
  /** node:http's limits: the whole request and the headers (answered 408 past them). */
  timeouts?: { requestTimeoutMs?: number; headersTimeoutMs?: number };
}

export interface RunningMock {
  issuer: string;
  port: number;
  desktopSocket: string | null;
  clock: Clock;
  config: MockConfig;
  /** The authorization server's core (state, signing key): tokens it signs verify against the JWKS. */
  core: AuthorizationServer;
  close(): Promise<void>;
}

export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const config = options.config ?? demoConfig;
  const clock = options.clock ?? createClock();
  // The one check of the names: throws UnknownDefectError before anything binds.
  const defects = defectSet(options.defects);
  let desktop: RunningDesktopServer | null = null;
  const oauth: RunningOAuthServer = await startOAuthServer({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    config,
    clock,
    consent: options.consent ?? 'page',
    defects,
    controlToken: options.controlToken,
    onReset: () => desktop?.reset(),
    issuer: options.issuer,
    key: options.keysFile !== undefined ? await loadOrCreateKeyFile(options.keysFile) : undefined,
    timeouts: options.timeouts,
  });
  if (options.desktop !== false) {
    try {
      const socketPath = typeof options.desktop === 'object' ? options.desktop.socketPath : undefined;
      desktop = await startDesktopServer({
        clock,
        ...(socketPath !== undefined ? { socketPath } : {}),
        config: config.desktop,
        defects,
      });
    } catch (err) {
      await oauth.close();
      throw err;
    }
    if (desktop) oauth.attachDesktop(desktop.app);
  }
  return {
    issuer: oauth.issuer,
    port: oauth.port,
    desktopSocket: desktop?.socketPath ?? null,
    clock,
    config,
    core: oauth.core,
    async close() {
      await Promise.all([oauth.close(), desktop?.close()]);
    },
  };
}
