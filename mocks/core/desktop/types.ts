/** Plain data shared by the desktop channel's core and its adapters. */

/**
 * Who is calling, as the transport learned it from the socket (never from the request body).
 * `key` is what grants and clients are bound to: `pid:<pid>:<start time>` when the peer
 * process is known, else `connection:<random>` (one connection = one process).
 */
export interface ProcessIdentity {
  key: string;
  pid: number | null;
  /** Process start time in clock ticks since boot (`/proc/<pid>/stat` field 22). */
  startTime: number | null;
  uid: number | null;
  executable: string | null;
  source: 'peer' | 'connection';
  /**
   * The terminal session the process runs in (Linux `/proc/<pid>/stat` fields 6 and 7, and the
   * session leader's start time), for CLI-style `terminal` scoping; absent when unknown.
   */
  session?: { id: number; tty: number; leaderStartTime: number | null };
}

/** The `init_client` configuration the SDKs send. */
export interface ClientConfiguration {
  account_name: string;
  integrationName: string;
  integrationVersion: string;
  programmingLanguage?: string;
  sdkVersion?: string;
  requestLibraryName?: string;
  requestLibraryVersion?: string;
  os?: string;
  osVersion?: string;
  architecture?: string;
}

export type PolicyMode = 'manual' | 'approve' | 'deny';

/**
 * Whose grant an approval makes: the SDK's is per process; the CLI's is per terminal session and
 * that session's start time, so sub-shells of one terminal share it (DESKTOP.md).
 */
export type GrantScope = 'process' | 'terminal';

export interface ApprovalPolicy {
  mode: PolicyMode;
  promptTimeoutSeconds: number;
  scope: GrantScope;
}

export interface ProcessView {
  pid: number | null;
  executable: string | null;
  start_time: number | null;
  uid: number | null;
  identity_source: 'peer' | 'connection';
}

export interface AccountRef { id: string; name: string }

export type PromptStatus = 'pending' | 'approved' | 'denied' | 'timed_out' | 'cancelled';

export interface PromptView {
  id: string;
  status: PromptStatus;
  account: AccountRef;
  process: ProcessView;
  integration: { name: string; version: string };
  scope: 'entire account';
  duration: { idle_seconds: number; hard_limit_seconds: number; description: string };
  created_at: string;
  expires_at: string;
}

export interface SessionView {
  id: string;
  account: AccountRef;
  process: ProcessView;
  integration: { name: string; version: string };
  granted_at: string;
  last_used_at: string;
  idle_expires_at: string;
  hard_expires_at: string;
  clients: number;
}

export interface ActivityEntry {
  time: string;
  command: string;
  process: ProcessView;
  account: AccountRef;
  integration: { name: string; version: string };
  outcome: 'ok' | 'error';
  error?: string;
}

export type DesktopEventType =
  | 'prompt' | 'approval' | 'denial' | 'timeout' | 'cancel'
  | 'lock' | 'unlock' | 'expiry' | 'integration' | 'policy' | 'activity' | 'reset';

export interface DesktopEvent {
  type: DesktopEventType;
  time: string;
  prompt?: PromptView;
  session?: SessionView;
  /** For `expiry`: why the session ended. */
  reason?: 'idle' | 'hard_limit' | 'lock' | 'integration_off' | 'reset';
  activity?: ActivityEntry;
  enabled?: boolean;
  policy?: { mode: PolicyMode; prompt_timeout_seconds: number; scope: GrantScope };
}

export const processView = (p: ProcessIdentity): ProcessView => ({
  pid: p.pid,
  executable: p.executable,
  start_time: p.startTime,
  uid: p.uid,
  identity_source: p.source,
});
