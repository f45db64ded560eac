import { defineArea } from './define.js';

const D = ['desktop'] as const;

export const DSK = defineArea('DSK', [
  ['DSK-1', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth', 'A process gets no access until the user approves a prompt for it.'],
  ['DSK-2', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'The prompt states the account, the integration name and version, the scope (entire account) and the duration.'],
  ['DSK-3', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth', 'A denied or timed-out prompt yields a clear error and no session.'],
  ['DSK-4', 'cli-app-integration', 'MUST', D, 'cli-app-integration', 'Authorization is per process; another process gets the same answer as for an expired session.'],
  ['DSK-5', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'A session ends after 10 minutes without use; each use restarts the 10 minutes.'],
  ['DSK-6', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'Locking the app ends every session at once; unlocking does not revive them.'],
  ['DSK-7', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth', 'The account is chosen by its name as shown in the app or by its UUID; an unknown account yields a clear error.'],
  ['DSK-8', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth', 'With the integration turned off, requests that would gain or use access fail with a clear error telling the user to turn it on.'],
  ['DSK-9', 'sdk-desktop-auth', 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'An app that is not running or drops the connection yields a clear connection error, never a hang.'],
  ['DSK-10', 'cli-app-integration', 'MUST', D, 'cli-app-integration', 'Every authorized command is recorded in an activity log: command, time, process, account.'],
  ['DSK-11', 'cli-app-integration', 'MUST', D, 'cli-app-integration', 'Each account is authorized separately.'],
  ['DSK-12', 'cli-app-integration', 'SHOULD', D, 'cli-app-integration', 'A hard limit (12 hours) ends a session however active it is.'],
] as const);
