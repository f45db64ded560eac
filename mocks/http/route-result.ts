/**
 * What the router hands an adapter: an Answer to write, or one of the few things an Answer
 * cannot say (drop the connection, hold it unanswered, stream events).
 */
import type { Answer } from '../core/answer.js';

/** Server-Sent Events: `open` starts the stream with a writer and returns what stops it. */
export interface EventStream {
  status: number;
  headers: Record<string, string>;
  open(send: (chunk: string) => void): () => void;
}

export type RouteResult =
  | Answer
  /** Close the connection without an answer (a scenario: the server vanished). */
  | { drop: true }
  /** Never answer; the connection stays open until the caller or the server closes it. */
  | { hold: true }
  | { stream: EventStream };
