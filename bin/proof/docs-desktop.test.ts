/**
 * docs/mock-server.md's desktop example, run as written with bash and curl (`npx authprobe`
 * being this checkout's CLI, port 4010 a free one): it ends, it does not hang, and the held
 * init_client comes back approved with a client id.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(join(root, 'docs/mock-server.md'), 'utf8');
const block = /<!-- runs: bin\/proof\/docs-desktop\.test\.ts -->\n```sh\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('docs/mock-server.md: the desktop example', () => {
  it('DSK-1: runs to the end and prints the approved client id', async () => {
    expect(block).toContain('npx authprobe serve');
    const port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), 'authprobe-doc-desktop-'));
    const script = block.replaceAll('npx authprobe', `node ${join(root, 'bin/authprobe.js')}`).replaceAll('4010', String(port));
    const result = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn('bash', ['-e', '-c', script], { cwd: dir, env: { ...process.env, XDG_RUNTIME_DIR: dir } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      });
    });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/"clientId":\s*"?[\w-]+/);
  }, 180_000);
});
