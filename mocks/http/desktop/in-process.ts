/**
 * A desktop app with no socket, for serving its control plane in-process (msw): the core is
 * driven directly (e.g. `channel.initClient`) and the app's side through `/_mock/desktop/...`.
 * The transport faults that need a socket (refuse) have nothing to close.
 */
import type { DesktopChannel } from '../../core/desktop/channel.js';
import type { DesktopApp } from './app.js';
import { createTransportFaults } from './faults.js';

export function desktopAppInProcess(channel: DesktopChannel): DesktopApp {
  const noSocket = async () => {};
  return { channel, faults: createTransportFaults(channel, { stop: noSocket, listen: noSocket }), socketPath: '' };
}
