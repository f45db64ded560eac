/** PKCE (RFC 7636) checks, each citing its clause. */
import type { DefectSet } from './defects.js';
import { InvalidGrant, InvalidRequest } from './errors.js';
import { constantTimeEqual, s256 } from './secrets.js';

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export interface PkceChallenge {
  challenge: string;
  method: 'S256' | 'plain';
}

/** Authorization request side; returns the challenge to store with the code, or null. */
export function checkChallenge(
  params: { code_challenge?: string; code_challenge_method?: string },
  isPublic: boolean,
  defects: DefectSet,
): PkceChallenge | null {
  const challenge = params.code_challenge;
  const method = params.code_challenge_method;
  if (challenge === undefined || challenge === '') {
    if (method !== undefined) throw new InvalidRequest('code_challenge_method was sent without code_challenge');
    // RFC 9700 §2.1.1: public clients MUST use PKCE
    if (isPublic && !defects.on('pkce-not-required')) // defect: breaks PKCE-1
      throw new InvalidRequest('code_challenge is required for public clients (RFC 7636, RFC 9700 §2.1.1); send an S256 challenge');
    return null;
  }
  const plainOk = defects.on('pkce-plain-accepted'); // defect: breaks PKCE-2
  // RFC 7636 §4.3 defaults the method to plain, which RFC 9700 §2.1.1 rules out: require S256.
  if (method !== 'S256' && !(plainOk && (method === 'plain' || method === undefined)))
    throw new InvalidRequest(`code_challenge_method must be S256 (got ${method === undefined ? 'none, which means plain' : `'${method}'`})`);
  const m: 'S256' | 'plain' = method === 'S256' ? 'S256' : 'plain';
  if (m === 'S256' && !CHALLENGE.test(challenge) && !defects.on('pkce-challenge-unchecked')) // defect: breaks PKCE-3
    throw new InvalidRequest('code_challenge must be 43 base64url characters, the S256 hash of the verifier (RFC 7636 §4.2)');
  return { challenge, method: m };
}

/** Token request side (RFC 7636 §4.6). */
export function checkVerifier(verifier: string | undefined, stored: PkceChallenge | null, defects: DefectSet): void {
  if (stored === null) {
    // RFC 9700 §4.8.2: a verifier for a code issued without a challenge is a downgrade attempt
    if (verifier !== undefined && !defects.on('pkce-downgrade')) // defect: breaks PKCE-7
      throw new InvalidGrant('code_verifier sent, but the authorization request had no code_challenge');
    return;
  }
  if (verifier === undefined) {
    if (defects.on('pkce-verifier-optional')) return; // defect: breaks PKCE-4
    throw new InvalidGrant('code_verifier is required: the authorization request carried a code_challenge (RFC 7636 §4.5)');
  }
  if (!VERIFIER.test(verifier) && !defects.on('pkce-verifier-format-unchecked')) // defect: breaks PKCE-6
    throw new InvalidGrant('code_verifier must be 43-128 characters of [A-Za-z0-9-._~] (RFC 7636 §4.1)');
  if (verifier.length > 64 && defects.on('pkce-long-verifier-refused')) throw new InvalidGrant('code_verifier is too long'); // defect: breaks PKCE-8
  if (defects.on('pkce-any-verifier') && VERIFIER.test(verifier)) return; // defect: breaks PKCE-5
  const computed = stored.method === 'S256' ? s256(verifier) : verifier;
  if (!constantTimeEqual(computed, stored.challenge))
    throw new InvalidGrant('code_verifier does not match the code_challenge (RFC 7636 §4.6)');
}
