/** The parsed HTTP request the core's POST endpoints take: no sockets, no Fetch objects. */
import { NO_STORE, errorAnswer, json, type Answer } from './answer.js';
import type { CoreContext } from './context.js';
import { OAuthError } from './errors.js';
import { isFormContentType, parseParams, refuseDuplicates, type Params } from './form.js';

export interface EndpointRequest {
  method: string;
  /** The raw query string, without `?`. */
  query: string;
  contentType: string | undefined;
  authorization: string | undefined;
  body: string;
}

export class MethodNotAllowed extends OAuthError {
  override name = 'MethodNotAllowed';
  constructor(readonly allow: string) {
    super('invalid_request', `this endpoint accepts ${allow} only (RFC 6749 §3.2)`, 405);
  }
}

/**
 * The form parameters of a POST endpoint: POST only (§3.2), form-encoded bodies only
 * (Appendix B), each parameter once (§3.2). The `token` defects widen this for /oauth/token.
 */
export function formParams(ctx: CoreContext, req: EndpointRequest, tokenEndpoint = false): Params {
  const d = ctx.defects;
  if (req.method !== 'POST') {
    if (tokenEndpoint && req.method === 'GET' && d.on('token-get-accepted')) return parseParams(req.query).params; // defect: breaks TOK-6
    throw new MethodNotAllowed('POST');
  }
  if (!isFormContentType(req.contentType)) {
    if (tokenEndpoint && d.on('json-body-accepted') && req.contentType?.includes('json')) { // defect: breaks TOK-3
      try {
        const value = JSON.parse(req.body) as Record<string, unknown>;
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
      } catch {
        // fall through to the refusal below
      }
    }
    throw new OAuthError(
      'invalid_request',
      `the body must be application/x-www-form-urlencoded (got ${req.contentType ? `'${req.contentType.slice(0, 80)}'` : 'no Content-Type'}) (RFC 6749 §3.2)`,
    );
  }
  const parsed = parseParams(req.body);
  if (!(tokenEndpoint && d.on('duplicate-params-accepted'))) refuseDuplicates(parsed); // defect: breaks TOK-4
  return parsed.params;
}

/** Headers of a token-endpoint answer: no-store unless the defect removes it (TOK-1). */
export function tokenHeaders(ctx: CoreContext): Record<string, string> {
  return ctx.defects.on('no-cache-control') ? {} : { ...NO_STORE }; // defect: breaks TOK-1
}

export function tokenError(ctx: CoreContext, err: OAuthError, challenge = true): Answer {
  const headers = tokenHeaders(ctx);
  if (err instanceof MethodNotAllowed) headers.allow = err.allow;
  if (ctx.defects.on('token-error-plain-text')) // defect: breaks TOK-2
    return { status: err.status, headers: { ...headers, 'content-type': 'text/plain' }, body: `error=${err.error}` };
  return errorAnswer(err, headers, challenge && !ctx.defects.on('no-www-authenticate')); // defect: breaks DG-3
}

export function tokenSuccess(ctx: CoreContext, body: Record<string, unknown>): Answer {
  return json(200, body, tokenHeaders(ctx));
}
