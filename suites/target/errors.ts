/**
 * Errors about the target itself: they end a run with exit code 2, before any property runs.
 * Their messages carry what the target sent (metadata values, headers, error details), made
 * printable: the CLI writes them to a terminal as they are.
 */
import { printable } from '../http/printable.js';

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
        problems.map((p) => `  ${printable(p.path)}: ${printable(p.problem)}. ${printable(p.fix)}`).join('\n'),
    );
  }
}

export type UnreachableKind = 'dns' | 'refused' | 'tls' | 'timeout' | 'not-an-authorization-server' | 'untrusted-metadata' | 'network';

const KIND_TEXT: Record<UnreachableKind, string> = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  tls: 'TLS handshake failed',
  timeout: 'timed out',
  'not-an-authorization-server': 'not an authorization server',
  'untrusted-metadata': 'metadata refused',
  network: 'network error',
};

/**
 * The target could not be reached, or what answered is not an OAuth authorization server, or
 * its metadata cannot be trusted with the client's credentials (`untrusted-metadata`).
 */
export class TargetUnreachableError extends Error {
  override name = 'TargetUnreachableError';
  constructor(
    readonly kind: UnreachableKind,
    readonly url: string,
    detail: string,
  ) {
    const what = kind === 'untrusted-metadata' ? 'target not trusted' : 'target unreachable';
    super(`${what}: ${KIND_TEXT[kind]} (${printable(url)}): ${printable(detail)}`);
  }
}
