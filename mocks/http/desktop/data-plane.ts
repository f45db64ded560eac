/**
 * The data plane over the Unix socket (openapi/desktop-ipc.yaml):
 *   POST   /v1/clients               init_client configuration -> 201 {clientId, account}
 *   POST   /v1/clients/{id}/invoke   {name, parameters}        -> 200 {result}
 *   DELETE /v1/clients/{id}                                     -> 204
 * The caller's identity comes from the connection (`req.caller.process`), never from the body.
 */
import { desktopErrorAnswer, desktopJson } from '../../core/answer.js';
import { DesktopError, invalidRequest } from '../../core/desktop/errors.js';
import type { AdapterRequest } from '../request.js';
import type { RouteResult } from '../route-result.js';
import type { DesktopApp } from './app.js';
import { isJsonObject, parseJsonBody } from './json-body.js';

const CLIENT_PATH = /^\/v1\/clients\/([A-Za-z0-9_-]{1,128})(\/invoke)?$/;

const methodNotAllowed = (allow: string) =>
  desktopErrorAnswer(new DesktopError('MethodNotAllowed', `use ${allow} on this path`), { allow });

/** The lock-in-flight scenario: the app locks a moment after the call was admitted (DSK-6, DSK-9). */
export function lockSoon(channel: DesktopApp['channel']): Promise<void> {
  return new Promise((resolve) => setTimeout(() => { channel.lock(); resolve(); }, 20));
}

export async function dataPlane(app: DesktopApp, req: AdapterRequest): Promise<RouteResult> {
  const { channel, faults } = app;
  const caller = req.caller.process;
  if (!caller) return desktopErrorAnswer(new DesktopError('NotFound', 'the desktop channel answers on its Unix socket only'));
  // Scenario: the app drops the connection mid-request (clients see LostConnectionToApp).
  if (faults.takeDrop()) return channel.defects.on('desktop-drop-hangs') ? { hold: true } : { drop: true }; // defect: breaks DSK-9
  // Scenario: the app stops answering mid-request; the client's own timeout must end the wait.
  if (faults.takeSilent()) return { hold: true };
  const { path, method } = req;
  try {
    if (path === '/v1/clients') {
      if (method !== 'POST') return methodNotAllowed('POST');
      const { clientId, account } = await channel.initClient(caller, parseJsonBody(req.body), req.signal);
      return desktopJson(201, { clientId, account });
    }
    const m = CLIENT_PATH.exec(path);
    if (!m) throw new DesktopError('NotFound', `no such path ${JSON.stringify(path)}; the channel serves POST /v1/clients, POST /v1/clients/{id}/invoke and DELETE /v1/clients/{id}`);
    const clientId = m[1]!;
    if (m[2]) {
      if (method !== 'POST') return methodNotAllowed('POST');
      const body = parseJsonBody(req.body);
      if (!isJsonObject(body)) throw invalidRequest('the invocation must be a JSON object {"name": "<Method>", "parameters": {...}}');
      const result = faults.takeLockInFlight()
        ? await channel.invokeInFlight(caller, clientId, body.name, body.parameters, () => lockSoon(channel))
        : channel.invoke(caller, clientId, body.name, body.parameters);
      return desktopJson(200, { result });
    }
    if (method !== 'DELETE') return methodNotAllowed('DELETE');
    parseJsonBody(req.body);
    channel.releaseClient(caller, clientId);
    return { status: 204, headers: { 'cache-control': 'no-store' }, body: '' };
  } catch (e) {
    return desktopErrorAnswer(e);
  }
}
