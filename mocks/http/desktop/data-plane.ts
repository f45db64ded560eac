/**
 * The data plane over the Unix socket (openapi/desktop-ipc.yaml):
 *   POST   /v1/clients               init_client configuration -> 201 {clientId, account}
 *   POST   /v1/clients/{id}/invoke   {name, parameters}        -> 200 {result}
 *   DELETE /v1/clients/{id}                                     -> 204
 * The caller's identity comes from the connection (peer-identity.ts), never from the body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DesktopChannel } from '../../core/desktop/channel.js';
import { invalidRequest } from '../../core/desktop/errors.js';
import type { ProcessIdentity } from '../../core/desktop/types.js';
import { readJson, sendFailure, sendJson, sendNamedError } from './http-json.js';

const CLIENT_PATH = /^\/v1\/clients\/([A-Za-z0-9_-]{1,128})(\/invoke)?$/;

export async function handleDataPlane(
  channel: DesktopChannel, req: IncomingMessage, res: ServerResponse, caller: ProcessIdentity,
): Promise<void> {
  const path = (req.url ?? '/').split('?')[0]!;
  try {
    if (path === '/v1/clients') {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      const body = await readJson(req);
      const hangUp = new AbortController();
      res.on('close', () => { if (!res.writableFinished) hangUp.abort(); });
      const { clientId, account } = await channel.initClient(caller, body, hangUp.signal);
      return sendJson(res, 201, { clientId, account });
    }
    const m = CLIENT_PATH.exec(path);
    if (!m) return sendNamedError(res, 'NotFound', `no such path ${JSON.stringify(path)}; the channel serves POST /v1/clients, POST /v1/clients/{id}/invoke and DELETE /v1/clients/{id}`);
    const clientId = m[1]!;
    if (m[2]) {
      if (req.method !== 'POST') return methodNotAllowed(res, 'POST');
      const body = await readJson(req);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalidRequest('the invocation must be a JSON object {"name": "<Method>", "parameters": {...}}');
      }
      const { name, parameters } = body as { name?: unknown; parameters?: unknown };
      const result = channel.invoke(caller, clientId, name, parameters);
      return sendJson(res, 200, { result });
    }
    if (req.method !== 'DELETE') return methodNotAllowed(res, 'DELETE');
    await readJson(req);
    channel.releaseClient(caller, clientId);
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
  } catch (e) {
    sendFailure(res, e);
  }
}

function methodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow);
  sendNamedError(res, 'MethodNotAllowed', `use ${allow} on this path`);
}
