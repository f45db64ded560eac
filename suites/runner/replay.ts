/**
 * The replay token printed with a failure: `ID:SEED:PATH[~COMMANDS]`.
 * - PATH is fast-check's counterexample path with runs of one value written `v*n`
 *   (a shrunk path is often dozens of `:0`), so the token stays short enough to paste.
 * - COMMANDS is fast-check's `replayPath` of a model-based (`fc.commands`) counterexample:
 *   without it, replaying the seed and path regenerates the commands but not which of them ran,
 *   and a failed ROT-2 would replay as a pass.
 */
import { isRequirementId } from '../../specs/index.js';
import type { RequirementId } from '../../specs/index.js';

export interface Replay {
  id: RequirementId;
  seed: number;
  path: string;
  /** fast-check's commands replayPath, for model-based properties. */
  commands?: string;
}

export class ReplayFormatError extends Error {
  override name = 'ReplayFormatError';
}

/** `0:0:0:0:1` -> `0*4:1`: runs of three or more of one step are counted. */
export function compressPath(path: string): string {
  if (!path) return '';
  const steps = path.split(':');
  const out: string[] = [];
  for (let i = 0; i < steps.length; ) {
    let j = i;
    while (j < steps.length && steps[j] === steps[i]) j++;
    const n = j - i;
    out.push(n >= 3 ? `${steps[i]}*${n}` : steps.slice(i, j).join(':'));
    i = j;
  }
  return out.join(':');
}

export function expandPath(path: string): string {
  if (!path) return '';
  return path
    .split(':')
    .flatMap((step) => {
      const m = /^(\d+)\*(\d+)$/.exec(step);
      if (!m) return [step];
      const n = Number(m[2]);
      if (n > 100_000) throw new ReplayFormatError(`path step ${step} repeats too often`);
      return Array.from({ length: n }, () => m[1] as string);
    })
    .join(':');
}

export function formatReplay(r: Replay): string {
  return `${r.id}:${r.seed}:${compressPath(r.path)}${r.commands ? `~${r.commands}` : ''}`;
}

const TOKEN = /^([A-Za-z]+-\d+):(-?\d+):([\d:*]*)(?:~([A-Za-z0-9+/]*:[A-Za-z0-9+/]*))?$/;

/** `PKCE-5:1234:0:1*3~AB:c` -> {id, seed, path, commands}. */
export function parseReplay(text: string): Replay {
  const m = TOKEN.exec(text.trim());
  const id = m?.[1]?.toUpperCase();
  if (!m || !id || !isRequirementId(id)) {
    throw new ReplayFormatError(`--replay: "${text}" is not ID:SEED:PATH (e.g. PKCE-5:1234:0:1), as printed in the report`);
  }
  const replay: Replay = { id, seed: Number(m[2]), path: expandPath(m[3] ?? '') };
  if (m[4] !== undefined) replay.commands = m[4];
  return replay;
}

const REPLAY_COMMENT = /\s*\/\*replayPath=("(?:[^"\\]|\\.)*")\*\//g;

/** fast-check's `replayPath` of the first commands sequence in a stringified counterexample. */
export function commandsReplayPath(stringified: string): string | undefined {
  const m = new RegExp(REPLAY_COMMENT.source).exec(stringified);
  return m ? (JSON.parse(m[1] as string) as string) : undefined;
}
