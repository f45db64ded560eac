/** Errors about the target itself: they end a run with exit code 2, before any property runs. */

/** One problem in the target file: where (JSON path), what is wrong, what to do. */
export interface TargetFieldProblem {
  path: string;
  problem: string;
  fix: string;
}

export class TargetConfigError extends Error {
  override name = 'TargetConfigError';
  constructor(
    readonly source: string,
    readonly problems: TargetFieldProblem[],
  ) {
    super(
      `invalid target (${source}):\n` +
        problems.map((p) => `  ${p.path}: ${p.problem}. ${p.fix}`).join('\n'),
    );
  }
}

export type UnreachableKind = 'dns' | 'refused' | 'tls' | 'timeout' | 'not-an-authorization-server' | 'network';

const KIND_TEXT: Record<UnreachableKind, string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  tls: 'TLS handshake failed',
  timeout: 'timed out',
  'not-an-authorization-server': 'not an authorization server',
  network: 'network error',
};

/** The target could not be reached, or what answered is not an OAuth authorization server. */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
  constructor(
    readonly kind: UnreachableKind,
    readonly url: string,
    detail: string,
  ) {
    super(`target unreachable: ${KIND_TEXT[kind]} (${url}): ${detail}`);
  }
}
