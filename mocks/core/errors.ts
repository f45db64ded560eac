/**
 * The mock's one family of errors that cross a boundary: each carries its HTTP status and the
 * JSON body its protocol defines. OAuthError carries the RFC 6749 §5.2 `error` code (below);
 * DesktopError (desktop/errors.ts) carries the `name` the desktop SDKs act on. Named subclasses
 * say what was wrong in the vocabulary the client understands.
 */
export abstract class ProtocolError extends Error {
  abstract readonly status: number;
  /** The error body: `{error, error_description}` (OAuth) or `{name, message}` (desktop). */
  abstract toJSON(): Record<string, string>;
}

export class OAuthError extends ProtocolError {
  override name = 'OAuthError';
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(`${error}: ${description}`);
  }
  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export class InvalidRequest extends OAuthError {
  override name = 'InvalidRequest';
  constructor(description: string) {
    super('invalid_request', description);
  }
}

/** RFC 6749 §5.2: 401 when the client tried to authenticate; the adapter adds WWW-Authenticate. */
export class InvalidClient extends OAuthError {
  override name = 'InvalidClient';
  constructor(description: string) {
    super('invalid_client', description, 401);
  }
}

export class InvalidGrant extends OAuthError {
  override name = 'InvalidGrant';
  constructor(description: string) {
    super('invalid_grant', description);
  }
}

export class UnauthorizedClient extends OAuthError {
  override name = 'UnauthorizedClient';
  constructor(description: string) {
    super('unauthorized_client', description);
  }
}

export class UnsupportedGrantType extends OAuthError {
  override name = 'UnsupportedGrantType';
  constructor(description: string) {
    super('unsupported_grant_type', description);
  }
}

export class InvalidScope extends OAuthError {
  override name = 'InvalidScope';
  constructor(description: string) {
    super('invalid_scope', description);
  }
}

export class UnsupportedResponseType extends OAuthError {
  override name = 'UnsupportedResponseType';
  constructor(description: string) {
    super('unsupported_response_type', description);
  }
}

export class AccessDenied extends OAuthError {
  override name = 'AccessDenied';
  constructor(description: string) {
    super('access_denied', description, 403);
  }
}

/** RFC 6750 §3.1: a bearer token that is missing, malformed, expired or revoked. */
export class InvalidToken extends OAuthError {
  override name = 'InvalidToken';
  constructor(description: string) {
    super('invalid_token', description, 401);
  }
}

/** RFC 7591 §3.2.2 */
export class InvalidRedirectUri extends OAuthError {
  override name = 'InvalidRedirectUri';
  constructor(description: string) {
    super('invalid_redirect_uri', description);
  }
}

export class InvalidClientMetadata extends OAuthError {
  override name = 'InvalidClientMetadata';
  constructor(description: string) {
    super('invalid_client_metadata', description);
  }
}
