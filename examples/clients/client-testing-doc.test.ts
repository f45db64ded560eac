/**
 * docs/client-testing.md as a newcomer follows it: its `authprobe serve --client-report` command
 * runs as written (on a free port, `npx authprobe` being this checkout's CLI), its curl commands
 * answer as the page says, a client pointed at the demo settings is judged, the report files are
 * written on exit, and its table of the four libraries agrees with library-verdicts.ts, which
 * libraries.test.ts asserts against the mock.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFlowWithRefresh } from './badgateway-oauth2-client.js';
import { verdictsOf, type ClientReport } from './client-report.js';
import { ADVERSARIES, LIBRARIES } from './library-verdicts.js';

const page = 'docs/client-testing.md';
const doc = readFileSync(fileURLToPath(new URL(`../../${page}`, import.meta.url)), 'utf8');
const bin = fileURLToPath(new URL('../../bin/authprobe.js', import.meta.url));
/** The issuer the page names; replaced by the running server's. */
const PAGE_ISSUER = 'http://127.0.0.1:4010';

/** The shell blocks the page marks as run by this test, in order, continuation lines joined. */
const shellBlocks = [...doc.matchAll(/<!-- runs: examples\/clients\/client-testing-doc\.test\.ts -->\n```sh\n([\s\S]*?)```/g)]
  .map((m) => (m[1] as string).replace(/\\\n\s*/g, '').trim());
const block = (start: string) => {
  const found = shellBlocks.find((b) => b.startsWith(start));
  if (!found) throw new Error(`${page} has no command block starting with ${start}`);
  return found;
};
const serveBlock = () => block('npx authprobe serve --consent auto');
const readBlock = () => block('curl -s http');
const armBlock = () => block('curl -s -X POST');
const ciBlock = () => block('npx authprobe serve --port 4010');

const dir = mkdtempSync(join(tmpdir(), 'authprobe-client-doc-'));
let child: ChildProcessWithoutNullStreams;
let issuer: string;
let stderr = '';
let exited: Promise<number | null>;

/** The CI script's run, started beside the main server so that the two start-ups overlap. */
let ciRun: Promise<{ code: number | null; output: string }>;

beforeAll(async () => {
  ciRun = runCiScript({ pkce: false });
  const serve = serveBlock();
  // As written, plus a free port and a socket of our own so that parallel test files do not collide.
  const args = [...serve.replace(/^npx authprobe /, '').split(/\s+/), '--port', '0', '--desktop-socket', join(dir, 'desktop.sock')];
  child = spawn(process.execPath, [bin, ...args], { cwd: dir });
  child.stderr.on('data', (d) => (stderr += d));
  exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  issuer = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    void exited.then((code) => reject(new Error(`authprobe serve exited ${code}: ${stderr}`)));
  });
}, 120_000);

afterAll(async () => {
  for (const pgid of scripts) process.kill(-pgid, 'SIGTERM');
  if (child && child.exitCode === null) child.kill('SIGTERM');
  await exited;
  rmSync(dir, { recursive: true, force: true });
});

/** `curl -s [-X POST] URL [-H ...] [-d 'JSON']` as fetch against the running server. */
async function curl(command: string): Promise<Response> {
  const url = /(http:\/\/127\.0\.0\.1:4010\S*)/.exec(command)?.[1] as string;
  const data = /-d '([^']*)'/.exec(command)?.[1];
  const method = /-X (\w+)/.exec(command)?.[1] ?? (data !== undefined ? 'POST' : 'GET');
  return fetch(url.replace(PAGE_ISSUER, issuer), {
    method,
    ...(data !== undefined ? { headers: { 'content-type': 'application/json' }, body: data } : {}),
  });
}

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The CI block as bash runs it in a fresh directory: `npx authprobe` is this checkout's CLI, the
 * page's port a free one, and `npm run e2e` one authorization request of demo-public with a
 * state, with or without PKCE S256 (CL-1 is judged at the authorization request).
 */
async function runCiScript(o: { pkce: boolean }): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const authorize = new URL(`http://127.0.0.1:${port}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code', client_id: 'demo-public', redirect_uri: 'http://127.0.0.1:8765/callback', scope: 'openid',
    state: randomBytes(16).toString('base64url'),
    ...(o.pkce ? { code_challenge: createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url'), code_challenge_method: 'S256' } : {}),
  }).toString();
  const script = ciBlock()
    .replace(/^npm run e2e.*$/m, `curl -s -o /dev/null '${authorize.href}'`)
    .replaceAll('npx authprobe', `${process.execPath} ${bin}`)
    .replaceAll('4010', String(port));
  return bash(script, {});
}

/** Process groups of the scripts still running. */
const scripts = new Set<number>();

/** A script in a fresh directory holding `files`; its exit code and output. */
async function bash(script: string, files: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'authprobe-client-ci-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  try {
    return await new Promise((resolve) => {
      // Its own process group, so that a script cut short (a test timeout) takes its background server with it.
      const p = spawn('bash', ['-c', script], { cwd, detached: true });
      scripts.add(p.pid as number);
      let output = '';
      p.stdout.on('data', (d) => (output += d));
      p.stderr.on('data', (d) => (output += d));
      p.on('close', (code) => {
        scripts.delete(p.pid as number);
        resolve({ code, output });
      });
    });
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe(page, () => {
  it('CL-1..CL-20: has the four commands this test runs: serve, read the report, arm an adversary, the CI script', () => {
    expect(shellBlocks).toHaveLength(4);
    for (const b of [serveBlock, readBlock, armBlock, ciBlock]) expect(b()).toBeTruthy();
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('CL-16: the page\'s adversary, armed with its curl command, warns on a client that reads no iss (a SHOULD; demo-public, the page\'s settings)', async () => {
    const armed = await curl(armBlock());
    expect(armed.status, await armed.clone().text()).toBe(201);
    // The page's settings: issuer, demo-public, its loopback redirect URI, the demo scopes.
    await codeFlowWithRefresh({ issuer, clientId: 'demo-public', redirectUri: 'http://127.0.0.1:8765/callback', scope: 'openid profile email offline_access' });
    const verdicts = await verdictsOf(issuer, 'demo-public');
    expect(verdicts['CL-16']).toBe('warn');
    expect(verdicts['CL-1']).toBe('pass');
  });

  it('CL-1..CL-20: the page\'s curl command reads the report: requirements CL-1..CL-20 and the demo client\'s verdicts', async () => {
    const res = await curl(readBlock());
    expect(res.status).toBe(200);
    const report = (await res.json()) as ClientReport;
    expect(report.requirements.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `CL-${i + 1}`));
    expect(report.clients.find((c) => c.clientId === 'demo-public')?.verdicts).toHaveLength(20);
  });

  it('CL-1..CL-20: on SIGTERM the server exits 0 and writes client-report.json, .xml (JUnit) and .html in the working directory', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'client-report.json'), 'utf8')) as ClientReport;
    expect(written.clients.find((c) => c.clientId === 'demo-public')?.verdicts.find((v) => v.id === 'CL-16')?.status).toBe('warn');
    expect(readFileSync(join(dir, 'client-report.xml'), 'utf8')).toContain('CL-16');
    expect(existsSync(join(dir, 'client-report.html'))).toBe(true);
  });

  it('CL-1: its CI script fails the job and prints the finding when the client sends no PKCE, as the page says', async () => {
    const sloppy = await ciRun;
    expect(sloppy.code, sloppy.output).toBe(1);
    const line = 'demo-public CL-1: authorization request without code_challenge (PKCE not used)';
    expect(sloppy.output).toContain(line);
    expect(doc.replace(/\s+/g, ' ').includes(`\`${line}\``), 'the page quotes that line').toBe(true);
  }, 180_000);

  it('CL-1..CL-20: its CI script\'s last line passes (exit 0) on a report where every verdict is pass, warn or not-observed', async () => {
    const check = ciBlock().split('\n').at(-1) as string;
    const verdicts = ['pass', 'warn', 'not-observed'].map((status, i) => ({ id: `CL-${i + 1}`, status, observations: 1, evidence: [] }));
    const report = { generatedAt: '', requirements: [], clients: [{ clientId: 'demo-public', public: true, verdicts }] };
    const r = await bash(check, { 'client-report.json': JSON.stringify(report) });
    expect(r.code, r.output).toBe(0);
  });

  it('CL-1..CL-20: its vitest example is code that examples/clients/conformant.test.ts runs, verbatim', () => {
    const blocks = [...doc.matchAll(/<!-- runs: examples\/clients\/client-testing-doc\.test\.ts -->\n```ts\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trimEnd());
    expect(blocks).toHaveLength(1);
    const example = readFileSync(fileURLToPath(new URL('./conformant.test.ts', import.meta.url)), 'utf8');
    expect(example).toContain(blocks[0]);
  });

  it('CL-1..CL-20: its table of the four libraries says what library-verdicts.ts (asserted by libraries.test.ts) says', () => {
    const rows = new Map(doc.split('\n').filter((l) => /^\| [@\w].* \d \|/.test(l)).map((l) => {
      const cells = l.split('|').slice(1, -1).map((c) => c.trim().replace(/\*\*/g, '').replace(/ [¹²³⁴⁵⁶⁷]+$/, ''));
      return [(cells[0] as string).replace(/ \d+$/, ''), cells.slice(1)];
    }));
    for (const lib of LIBRARIES) {
      const cells = rows.get(lib.name);
      expect(cells, `no row for ${lib.name}`).toBeDefined();
      const plain = Object.entries(lib.expected).map(([id, e]) => `${id} ${e.status}`).join(', ') || 'all pass';
      expect(cells?.[0], `${lib.name}, plain flow`).toBe(plain);
      Object.keys(ADVERSARIES).forEach((adversary, i) => {
        expect(cells?.[i + 1], `${lib.name}, ${adversary}`).toBe(lib.survives[adversary as keyof typeof ADVERSARIES].status);
      });
    }
  });
});
