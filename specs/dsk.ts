import { defineArea } from './define.js';

const D = ['desktop'] as const;

export const DSK = defineArea('DSK', [
  [1, 'MUST', D, 'sdk-desktop-auth', 'A process gets no access until the user approves a prompt for it.'],
  [2, 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'The prompt states the account, the integration name and version, the scope (entire account) and the duration.'],
  [3, 'MUST', D, 'sdk-desktop-auth', 'A denied or timed-out prompt yields a clear error and no session.'],
  [4, 'MUST', D, 'cli-app-integration', 'Authorization is per process; another process gets the same answer as for an expired session.'],
  [5, 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'A session ends after 10 minutes without use; each use restarts the 10 minutes.'],
  [6, 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'Locking the app ends every session at once; unlocking does not revive them.'],
  [7, 'MUST', D, 'sdk-desktop-auth', 'The account is chosen by its name as shown in the app or by its UUID; an unknown account yields a clear error.'],
  [8, 'MUST', D, 'sdk-desktop-auth', 'With the integration turned off, requests fail with a clear error telling the user to turn it on.'],
  [9, 'MUST', D, 'sdk-desktop-auth; cli-app-integration', 'An app that is not running or drops the connection yields a clear connection error, never a hang.'],
  [10, 'MUST', D, 'cli-app-integration', 'Every authorized command is recorded in an activity log: command, time, process, account.'],
  [11, 'MUST', D, 'cli-app-integration', 'Each account is authorized separately.'],
  [12, 'SHOULD', D, 'cli-app-integration', 'A hard limit (12 hours) ends a session however active it is.'],
]);
