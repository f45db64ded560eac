import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A route that another part of the mock mounts on the authorization server's node:http server,
 * e.g. the desktop channel's control plane under `/_mock/desktop/`. The server has already
 * applied the control-plane guard (loopback callers or the control token) to `/_mock/` paths.
 * `handle` answers the request and returns true, or returns false to let the server answer 404.
 */
export interface MountedRoute {
  readonly prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
}
