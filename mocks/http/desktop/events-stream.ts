/**
 * `GET /_mock/desktop/events`: Server-Sent Events of the channel (prompt, approval, denial,
 * timeout, cancel, lock, unlock, expiry, integration, policy, activity, reset). Each event's
 * `event:` line is its type and its `data:` line the DesktopEvent JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DesktopChannel } from '../../core/desktop/channel.js';

const HEARTBEAT_MS = 15_000;

export function streamEvents(channel: DesktopChannel, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(`retry: 1000\n: desktop channel events\n\n`);
  const off = channel.subscribe((event) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => { off(); clearInterval(heartbeat); };
  req.on('close', stop);
  res.on('close', stop);
}
