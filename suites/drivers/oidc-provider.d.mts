import type { AuthorizeDriver } from './types.js';

export interface OidcProviderDriverOptions {
  /** Login typed into the sign-in form (default `alice`). */
  login?: string;
  /** Password typed into the sign-in form (default `alice-test-password`). */
  password?: string;
  /** Name of the login input (default `login`, as oidc-provider's devInteractions). */
  loginField?: string;
  /** Name of the password input (default `password`). */
  passwordField?: string;
  /** Requests before giving up (default 20). */
  maxHops?: number;
}

export type OidcProviderDriverErrorCode =
  | 'login_failed'
  | 'no_form'
  | 'unexpected_response'
  | 'too_many_hops'
  | 'bad_request_url'
  | 'off_origin_form';

export class OidcProviderDriverError extends Error {
  constructor(code: OidcProviderDriverErrorCode, message: string, detail?: { status?: number; url?: string });
  readonly code: OidcProviderDriverErrorCode;
  readonly status: number | undefined;
  readonly url: string | undefined;
}

export interface CookieJar {
  store(headers: Headers, url: URL): void;
  header(url: URL): string;
  readonly size: number;
}

export interface ParsedForm {
  action: string;
  method: 'GET' | 'POST';
  fields: { name: string; type: string; value: string }[];
  submitter: [string, string] | undefined;
  hasPassword: boolean;
}

export function createCookieJar(): CookieJar;
export function parseForms(html: string): ParsedForm[];
export function createOidcProviderDriver(options?: OidcProviderDriverOptions): AuthorizeDriver;
/** Options from AUTHPROBE_OIDC_LOGIN, _PASSWORD, _LOGIN_FIELD, _PASSWORD_FIELD, _MAX_HOPS. */
export const authorize: AuthorizeDriver;
export default authorize;
