/**
 * Defect switches of the desktop channel: each makes the mock wrong in exactly one named way and
 * names the requirement IDs a conformance suite must then report as failing.
 */
import { defect as d, type Defect } from '../defect.js';

export const desktopDefects = [
  d('desktop-no-prompt', ['DSK-1'], 'init_client is granted at once, without a prompt'),
  d('desktop-prompt-missing-fields', ['DSK-2'], 'prompts omit the integration version, the scope and the duration'),
  d('desktop-denial-grants', ['DSK-3'], 'a denied prompt answers AuthorizationDenied but leaves a session for the process'),
  d('desktop-session-shared-across-processes', ['DSK-4'], "any process may use another process's client id"),
  d('desktop-foreign-session-distinct', ['DSK-4'], "another process's client id answers a distinct 403 instead of DesktopSessionExpired (lets callers probe)"),
  d('desktop-idle-never-expires', ['DSK-5'], 'sessions never expire for idleness'),
  d('desktop-use-does-not-extend', ['DSK-5'], 'using a session does not restart its 10 idle minutes'),
  d('desktop-lock-keeps-sessions', ['DSK-6'], 'locking the app leaves sessions alive'),
  d('desktop-unlock-revives', ['DSK-6'], 'unlocking the app revives the sessions the lock ended'),
  d('desktop-unknown-account-default', ['DSK-7'], 'an unknown account name or UUID falls back to the first account'),
  d('desktop-integration-off-ignored', ['DSK-8'], 'requests are served with the integration turned off'),
  d('desktop-drop-hangs', ['DSK-9'], 'the connection-drop scenario leaves the request hanging instead of closing the connection'),
  d('desktop-lock-hangs-in-flight', ['DSK-9'], 'an invocation in flight when the app locks never answers'),
  d('desktop-no-activity-log', ['DSK-10'], 'authorized commands are not recorded in the activity log'),
  d('desktop-accounts-shared', ['DSK-11'], "approving one account authorizes the process's requests for every account"),
  d('desktop-no-hard-limit', ['DSK-12'], 'sessions in use never reach the 12-hour hard limit'),
] as const satisfies readonly Defect[];

export type DesktopDefectName = (typeof desktopDefects)[number]['name'];

/** The unknown-name error of the one registry (defect.ts), under the name desktop callers know. */
export { UnknownDefectError as UnknownDesktopDefectError } from '../defect.js';
