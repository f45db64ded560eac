/** JSON bodies of the desktop channel and its control plane; errors are `{name, message}`. */
import { DesktopError } from '../../core/desktop/errors.js';

/** The parsed body, or undefined for an empty one. Throws InvalidRequest for bad JSON. */
export function parseJsonBody(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw new DesktopError('InvalidRequest', 'the request body is not valid JSON');
  }
}

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
