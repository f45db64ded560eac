/**
 * `--shard I/N`: a deterministic slice of the requirements, each in exactly one shard, balanced
 * by recorded duration (longest first onto the lightest shard; ties by catalogue order and the
 * lowest shard), so that a CI matrix of N machines finishes at about the same time.
 */
import type { Requirement } from '../../specs/index.js';
import { RECORDED_DURATION_MS } from './shard-weights.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export class ShardFormatError extends Error {
  override name = 'ShardFormatError';
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count || count > 1000) {
    throw new ShardFormatError(`--shard: "${text}" is not I/N with 1 <= I <= N (e.g. --shard 2/3)`);
  }
  return { index, count };
}

const DEFAULT_WEIGHT_MS = 100;

/** The shard (1-based) of every requirement, for `count` shards. */
export function assignShards(requirements: readonly Requirement[], count: number, weights: Readonly<Record<string, number>> = RECORDED_DURATION_MS): Map<string, number> {
  const order = requirements.map((r, i) => ({ id: r.id, i, w: weights[r.id] ?? DEFAULT_WEIGHT_MS }));
  order.sort((a, b) => b.w - a.w || a.i - b.i);
  const load = Array.from({ length: count }, () => 0);
  const out = new Map<string, number>();
  for (const { id, w } of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if ((load[s] as number) < (load[best] as number)) best = s;
    load[best] = (load[best] as number) + w;
    out.set(id, best + 1);
  }
  return out;
}

/** The requirements of one shard, in catalogue order. */
export function shardOf(requirements: readonly Requirement[], shard: Shard, weights?: Readonly<Record<string, number>>): Requirement[] {
  const assigned = assignShards(requirements, shard.count, weights);
  return requirements.filter((r) => assigned.get(r.id) === shard.index);
}
