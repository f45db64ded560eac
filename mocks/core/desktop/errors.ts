/**
 * Errors of the desktop channel, of the mock's one error family (../errors.ts). Every error that
 * crosses the channel or its control plane is `{name, message}`; `name` is the one the SDKs act
 * on (DESKTOP.md), `status` is its HTTP status.
 */
import { ProtocolError } from '../errors.js';

export const DESKTOP_ERROR_STATUS = {
  InvalidRequest: 400,
  UnsupportedMethod: 400,
  invalidSecretReference: 400,
  tooManyVaults: 400,
  tooManyItems: 400,
  tooManyMatchingFields: 400,
  DesktopSessionExpired: 401,
  AuthorizationDenied: 403,
  ForbiddenOrigin: 403,
  AccountNotFound: 404,
  vaultNotFound: 404,
  itemNotFound: 404,
  fieldNotFound: 404,
  NotFound: 404,
  PromptNotFound: 404,
  MethodNotAllowed: 405,
  AuthorizationTimeout: 408,
  PayloadTooLarge: 413,
  RateLimitExceeded: 429,
  IntegrationDisabled: 503,
} as const;

export type DesktopErrorName = keyof typeof DESKTOP_ERROR_STATUS;

export class DesktopError extends ProtocolError {
  override readonly name: DesktopErrorName;
  readonly status: number;
  constructor(name: DesktopErrorName, message: string) {
    super(message);
    this.name = name;
    this.status = DESKTOP_ERROR_STATUS[name];
  }
  toJSON(): { name: DesktopErrorName; message: string } {
    return { name: this.name, message: this.message };
  }
}

export function isDesktopError(e: unknown): e is DesktopError {
  return e instanceof DesktopError;
}

// DSK-4: an unknown id, another process's id, and an ended grant all read the same (no probing).
export const sessionExpired = () =>
  new DesktopError(
    'DesktopSessionExpired',
    'the desktop app session has ended (10 minutes without use, the app locked, or the 12-hour limit); create a new client to be prompted again',
  );

export const integrationDisabled = () =>
  new DesktopError(
    'IntegrationDisabled',
    'the desktop app refuses integrations: turn on Settings > Developer > "Integrate with other apps" and try again',
  );

export const invalidRequest = (message: string) => new DesktopError('InvalidRequest', message);
