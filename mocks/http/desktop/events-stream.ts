/**
 * `GET /_mock/desktop/events`: Server-Sent Events of the channel (prompt, approval, denial,
 * timeout, cancel, lock, unlock, expiry, integration, policy, activity, reset). Each event's
 * `event:` line is its type and its `data:` line the DesktopEvent JSON.
 */
import type { DesktopChannel } from '../../core/desktop/channel.js';
import type { EventStream } from '../route-result.js';

const HEARTBEAT_MS = 15_000;

export function eventStream(channel: DesktopChannel): EventStream {
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' },
    open(send) {
      send('retry: 1000\n: desktop channel events\n\n');
      const off = channel.subscribe((event) => send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      return () => { off(); clearInterval(heartbeat); };
    },
  };
}
