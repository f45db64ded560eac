/** What every example client driver takes and returns: one sign-in (code + PKCE) and one refresh (or two). */
export interface CodeFlowOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  /**
   * 2: refresh again with the refresh token the client holds after the first refresh (what the
   * library kept, or for libraries that leave token storage to the application, what RFC 6749 §6
   * says to keep). Default 1.
   */
  refreshes?: 1 | 2;
}

export interface TokensSeen {
  accessToken: string;
  /** Undefined when the token response carried no refresh token. */
  refreshToken: string | undefined;
}

export interface CodeFlowResult {
  /** From the code exchange. */
  first: TokensSeen;
  /** From the refresh with `first.refreshToken`. */
  refreshed: TokensSeen;
  /** From the second refresh, when asked for. */
  refreshedAgain?: TokensSeen;
}

/** RFC 6749 §6 / RFC 9700 §4.14: the refresh rotated the token, so the client now holds a new one. */
export const rotated = (r: CodeFlowResult): boolean =>
  r.refreshed.refreshToken !== undefined && r.refreshed.refreshToken !== r.first.refreshToken;
