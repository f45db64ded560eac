/**
 * The one request every endpoint of the mock takes, whatever carried it (node:http on TCP, the
 * desktop Unix socket, msw in-process): plain fields, no sockets, no Fetch objects. What the
 * router hands back is in route-result.ts.
 */
import type { ProcessIdentity } from '../core/desktop/types.js';
import type { EndpointRequest } from '../core/request.js';

/** Who is calling, as the transport learned it (never from the request itself). */
export interface Caller {
  /** Connected from a loopback address (in-process callers count): the control API's guard. */
  readonly loopback: boolean;
  /** The process on the other end of the desktop socket (DESKTOP.md); null on TCP and msw. */
  readonly process: ProcessIdentity | null;
}

// Shared, so that the TCP path allocates nothing per request for its caller.
export const LOOPBACK_CALLER: Caller = Object.freeze({ loopback: true, process: null });
export const REMOTE_CALLER: Caller = Object.freeze({ loopback: false, process: null });

export interface AdapterRequest extends EndpointRequest {
  /** The path without query, e.g. `/oauth/token`. */
  path: string;
  /** Lower-case names, as node:http gives them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  caller: Caller;
  /**
   * Aborts when the caller hangs up. Set by transports whose routes may hold a request open
   * (the desktop socket: init_client waits for the prompt); the TCP hot path leaves it out.
   */
  signal?: AbortSignal | undefined;
}

/** One header as a string (the first of repeated ones). */
export function header(req: AdapterRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
