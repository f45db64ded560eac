/** Whether the target offers what a property needs; the reason to skip when it does not. */
import type { Target } from '../target/types.js';
import type { TimeControl } from './time.js';
import type { Need } from './types.js';

export function missingNeed(need: Need, target: Target, time: TimeControl): string | undefined {
  const c = target.spec.clients ?? {};
  const e = target.endpoints;
  switch (need) {
    case 'public':
      return c.public ? undefined : 'client missing: the target file names no clients.public';
    case 'public2':
      return c.public2 ? undefined : 'client missing: the target file names no clients.public2 (a second public client for cross-client checks)';
    case 'confidential':
      return c.confidential ? undefined : 'client missing: the target file names no clients.confidential';
    case 'confidentialCode':
      return c.confidential?.redirect_uri
        ? undefined
        : 'client missing: no clients.confidential with a redirect_uri (a confidential client that uses the code flow without PKCE)';
    case 'usersApi':
      return c.usersApi ? undefined : 'client missing: the target file names no clients.usersApi';
    case 'inactive':
      return c.inactive ? undefined : 'client missing: the target file names no clients.inactive (an inactive client)';
    case 'ccClient':
      return c.confidential || c.usersApi ? undefined : 'client missing: no clients.confidential or clients.usersApi for client_credentials';
    case 'registration':
      return target.spec.registration ? undefined : 'no registration credential: the target file names no registration.bearer';
    case 'revocation':
      return e.revocation_endpoint ? undefined : 'the target advertises no revocation_endpoint (RFC 7009)';
    case 'tokenStatus':
      return e.introspection_endpoint || e.userinfo_endpoint
        ? undefined
        : 'the target exposes neither introspection nor userinfo, so access-token validity cannot be observed';
    case 'time:code':
      return time.whyNot('code', time.declared('code') ?? (time.hasClock ? undefined : 600));
    case 'time:access_token':
      return time.whyNot('access_token');
    case 'time:refresh_token':
      return time.whyNot('refresh_token');
    case 'desktop':
      return target.spec.desktop ? undefined : 'the target file names no desktop socket';
  }
}
