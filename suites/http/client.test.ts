/**
 * The HTTP client's per-context bookkeeping: what a recording scope or a request counter sees
 * is the exchanges of its own client in its own async context, however many clients a process
 * has made (the storages are shared by every client, keyed by client inside).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './client.js';
import type { Exchange } from './exchange.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => res.end(req.url));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const paths = (list: Exchange[]) => list.map((e) => new URL(e.url).pathname);

describe('HttpClient recording scopes and counters', () => {
  it('a scope records its own client only, and nested scopes of one client each get the exchange', async () => {
    const a = new HttpClient({ timeoutMs: 5_000 });
    const b = new HttpClient({ timeoutMs: 5_000 });
    const outerA: Exchange[] = [];
    const innerA: Exchange[] = [];
    const ofB: Exchange[] = [];
    try {
      await a.recordingInto(outerA, async () => {
        await a.send({ url: `${base}/a1` });
        await b.recordingInto(ofB, async () => {
          await b.send({ url: `${base}/b1` });
          await a.send({ url: `${base}/a2` });
        });
        await a.recordingInto(innerA, () => a.send({ url: `${base}/a3` }));
        await b.send({ url: `${base}/b-outside-its-scope` });
      });
      await a.send({ url: `${base}/a-outside` });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect(paths(outerA)).toEqual(['/a1', '/a2', '/a3']);
    expect(paths(innerA)).toEqual(['/a3']);
    expect(paths(ofB)).toEqual(['/b1']);
  });

  it('a counter counts the requests its own client sends in its context, not a concurrent one', async () => {
    const a = new HttpClient({ timeoutMs: 5_000 });
    const b = new HttpClient({ timeoutMs: 5_000 });
    const first = { requests: 0 };
    const second = { requests: 0 };
    const ofB = { requests: 0 };
    try {
      await Promise.all([
        a.countingInto(first, async () => {
          await a.send({ url: `${base}/1` });
          await b.send({ url: `${base}/b` });
          await a.send({ url: `${base}/2` });
        }),
        a.countingInto(second, () => a.send({ url: `${base}/3` })),
        b.countingInto(ofB, () => b.send({ url: `${base}/4` })),
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect([first.requests, second.requests, ofB.requests]).toEqual([2, 1, 1]);
  });
});
