/**
 * Client authentication at the token, revocation and introspection endpoints (RFC 6749 §2.3,
 * §3.2.1) with the downgrade defence of the public-clients document: a public client never
 * passes secret authentication, a confidential client only its registered method, and two
 * methods at once fail.
 */
import type { DefectSet } from './defects.js';
import { placeholderHint } from './client-conformance/placeholder.js';
import { InvalidClient } from './errors.js';
import { parseBasic, type Params } from './form.js';
import { matchesDigest, secretDigest, type SecretDigest } from './secrets.js';
import type { ClientRecord, Store } from './store.js';

export interface ClientAuthInput {
  authorization: string | undefined;
  params: Params;
}

export interface AuthenticatedClient {
  client: ClientRecord;
  method: 'none' | 'client_secret_basic' | 'client_secret_post';
}

/** The failure carries whether Basic was tried, so the adapter can add WWW-Authenticate. */
export class ClientAuthenticationFailed extends InvalidClient {
  override name = 'ClientAuthenticationFailed';
  constructor(
    description: string,
    readonly triedBasic: boolean,
  ) {
    super(description);
  }
}

/**
 * Each client's stored secret, hashed once (the first time the client authenticates, and again
 * only if its secret changes), so that a request hashes the presented secret only.
 */
const storedDigests = new WeakMap<ClientRecord, SecretDigest>();

function storedDigest(client: ClientRecord): SecretDigest {
  const secret = client.client_secret ?? '';
  let d = storedDigests.get(client);
  // Compares two stored values (never the presented secret): no timing to leak.
  if (d === undefined || d.of !== secret) {
    d = secretDigest(secret);
    storedDigests.set(client, d);
  }
  return d;
}

export function authenticateClient(input: ClientAuthInput, store: Store, defects: DefectSet): AuthenticatedClient {
  let basic: ReturnType<typeof parseBasic>;
  try {
    basic = parseBasic(input.authorization);
  } catch (err) {
    if (defects.on('malformed-basic-500')) throw new TypeError('cannot read the Basic header'); // defect: breaks TOK-7
    throw new ClientAuthenticationFailed((err as Error).message, true);
  }
  const triedBasic = basic !== null;
  const fail = (description: string) => new ClientAuthenticationFailed(description, triedBasic);
  const bodyId = input.params.client_id;
  const bodySecret = input.params.client_secret;

  // RFC 6749 §2.3: a client MUST NOT use more than one authentication method per request
  if (basic && bodySecret !== undefined && !defects.on('multiple-auth-methods')) // defect: breaks DG-4
    throw fail('the request uses two client authentication methods (Basic and client_secret in the body); use only one');
  if (basic && bodyId !== undefined && bodyId !== basic.clientId)
    throw fail('client_id in the body differs from the one in the Basic header');

  const clientId = basic?.clientId ?? bodyId;
  if (clientId === undefined || clientId === '') throw fail('client authentication is required: send client_id (public) or client credentials');
  const client = store.clients.get(clientId);
  if (!client) throw fail(`unknown client '${clientId}'${placeholderHint(clientId, clientNames(store))}`); // CL-14

  if (client.client_type === 'public') {
    // public-clients: authenticate_client_secret is unconditionally false for public clients
    // RFC 6749 §3.2: a parameter sent without a value is treated as omitted, so an empty
    // client_secret= is no secret (CL-10 warns the client about it).
    if (bodySecret !== undefined && (bodySecret !== '' ? !defects.on('public-secret-accepted') : defects.on('public-empty-secret-refused'))) // defects: break DG-1, DG-8
      throw fail('a public client has no secret: remove client_secret (downgrade defence, RFC 6749 §2.1)');
    if (basic && !defects.on('public-basic-accepted')) // defect: breaks DG-2
      throw fail('a public client cannot use HTTP Basic authentication: send client_id in the body only (downgrade defence)');
    if (client.status !== 'active' && !defects.on('inactive-client-accepted')) throw fail(`client '${clientId}' is inactive`); // defect: breaks CC-5
    return { client, method: 'none' };
  }

  const registered = client.token_endpoint_auth_method as AuthenticatedClient['method'];
  const used = basic ? 'client_secret_basic' : bodySecret !== undefined ? 'client_secret_post' : 'none';
  // RFC 6749 §3.2.1, §4.1.3, §6: a confidential client authenticates on every grant, not only client_credentials
  if (used === 'none' && defects.on('confidential-secret-optional') && input.params.grant_type !== 'client_credentials') return { client, method: 'none' }; // defect: breaks DG-6
  if (used !== registered && !defects.on('auth-method-not-enforced')) { // defect: breaks DG-7
    if (used === 'none') throw fail(`client '${clientId}' must authenticate with ${registered}`);
    throw fail(`client '${clientId}' is registered for ${registered}, not ${used}; use the registered method (RFC 7591 §2)`);
  }
  if (used === 'none') throw fail(`client '${clientId}' must authenticate with ${registered}`);
  const secret = basic ? basic.clientSecret : (bodySecret as string);
  if (!matchesDigest(secret, storedDigest(client)) && !defects.on('wrong-secret-accepted')) // defect: breaks DG-3
    throw fail('the client secret is wrong');
  if (client.status !== 'active' && !defects.on('inactive-client-accepted')) throw fail(`client '${clientId}' is inactive`); // defect: breaks CC-5
  return { client, method: used };
}

function* clientNames(store: Store): Iterable<string> {
  for (const c of store.clients.values()) yield c.name;
}
