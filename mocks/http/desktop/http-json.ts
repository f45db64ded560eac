/** JSON in and out for the desktop channel's HTTP adapters; errors are always `{name, message}`. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DesktopError, type DesktopErrorName } from '../../core/desktop/errors.js';

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body (empty body = undefined). Throws DesktopError for oversize or bad JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new DesktopError('PayloadTooLarge', `the request body is over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new DesktopError('InvalidRequest', 'the request body is not valid JSON');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    // An oversized body was not read to the end: the connection cannot carry another request.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: DesktopError): void {
  sendJson(res, error.status, error.toJSON());
}

export function sendNamedError(res: ServerResponse, name: DesktopErrorName, message: string): void {
  sendError(res, new DesktopError(name, message));
}

/** Anything that is not a DesktopError becomes a 400 with a message, never a stack trace or 5xx. */
export function sendFailure(res: ServerResponse, e: unknown): void {
  if (e instanceof DesktopError) sendError(res, e);
  else sendNamedError(res, 'InvalidRequest', e instanceof Error ? e.message : 'the request could not be handled');
}
