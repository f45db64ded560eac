/**
 * The channel client every DSK property is written against: `init`, `invoke`, `release` and the
 * last exchanges, answered as `DesktopAnswer`s. Two implementations, chosen by the target file's
 * `desktop.protocol`: the real channel's envelope (envelope-client.ts, the default) and the
 * mock's HTTP dialect (socket-client.ts).
 */
import type { Target } from '../target/types.js';
import { EnvelopeChannel } from './envelope-client.js';
import { DesktopSocket, type DesktopAnswer, type InitConfiguration } from './socket-client.js';

export type DesktopProtocol = 'envelope' | 'http';

export interface DesktopChannelClient {
  readonly socketPath: string;
  readonly protocol: DesktopProtocol;
  /** The last `n` exchanges, one line each, for failure messages. */
  recent(n?: number): string[];
  /** `init_client`: held by the app until its prompt is answered. */
  init(config: InitConfiguration, timeoutMs?: number): Promise<DesktopAnswer>;
  invoke(clientId: string, name: string, parameters?: Record<string, unknown>): Promise<DesktopAnswer>;
  release(clientId: string): Promise<DesktopAnswer>;
  close(): Promise<void>;
}

export const protocolOf = (target: Target): DesktopProtocol => target.spec.desktop?.protocol ?? 'envelope';

export function openChannel(socketPath: string, timeoutMs: number, protocol: DesktopProtocol): DesktopChannelClient {
  return protocol === 'http' ? new DesktopSocket(socketPath, timeoutMs) : new EnvelopeChannel(socketPath, timeoutMs);
}
