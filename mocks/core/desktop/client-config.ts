/** Validates the `init_client` configuration an SDK sends (the body of `POST /v1/clients`). */
import { invalidRequest } from './errors.js';
import type { ClientConfiguration } from './types.js';

const REQUIRED = ['account_name', 'integrationName', 'integrationVersion'] as const;
const OPTIONAL = [
  'programmingLanguage', 'sdkVersion', 'requestLibraryName', 'requestLibraryVersion', 'os', 'osVersion', 'architecture',
] as const;

export function parseClientConfiguration(body: unknown): ClientConfiguration {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidRequest('the client configuration must be a JSON object with account_name, integrationName and integrationVersion');
  }
  const b = body as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of REQUIRED) {
    const v = b[key];
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > 256) {
      throw invalidRequest(`"${key}" is required: a non-empty string of at most 256 characters${key === 'account_name' ? ' (the account name as shown in the app, or its UUID)' : ''}`);
    }
    out[key] = v;
  }
  for (const key of OPTIONAL) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'string' || v.length > 256) throw invalidRequest(`"${key}" must be a string of at most 256 characters`);
    out[key] = v;
  }
  return out as unknown as ClientConfiguration;
}
