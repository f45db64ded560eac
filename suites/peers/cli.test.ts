/**
 * The launchers' command line: `--write-target FILE` writes a target file of the fixed shape,
 * with the driver path relative to the file, and the target stays up until SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { AuthorizeDriver } from '../drivers/types.js';
import type { TargetDocument } from './target-file.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const children: ChildProcess[] = [];
let dir: string | undefined;

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

function launch(script: string, args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return child;
}

/** Resolves with stdout once `line` matches, rejects if the process exits first. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolveOut, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      if (pattern.test(out)) resolveOut(out);
    });
    child.stderr!.on('data', (c: Buffer) => (err += c));
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing ${pattern}: ${out}${err}`)));
  });
}

describe('launcher command line', () => {
  it('PKCE-8: --write-target writes a target file whose relative driver completes a code flow; SIGTERM stops it', async () => {
    dir = await mkdtemp(join(tmpdir(), 'authprobe-targets-'));
    const file = join(dir, 'nested', 'oidc-provider.json');
    const child = launch('suites/peers/oidc-provider.ts', ['--write-target', file]);
    const out = await waitFor(child, /target file: .*\n/);
    const issuer = out.split('\n')[0]!;
    expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const target = JSON.parse(await readFile(file, 'utf8')) as TargetDocument;
    expect(Object.keys(target).sort()).toEqual(['authorize', 'clients', 'issuer', 'profiles', 'timeouts', 'ttl']);
    expect(target.issuer).toBe(issuer);
    expect(target.profiles).toEqual(['public-client', 'confidential']);
    expect(target.authorize.mode).toBe('module');
    const modulePath = (target.authorize as { module: string }).module;
    expect(modulePath).toMatch(/^\.\.?\//);
    const driverFile = resolve(dirname(file), modulePath);
    expect(driverFile).toBe(join(root, 'suites/drivers/oidc-provider.mjs'));
    expect(existsSync(driverFile)).toBe(true);
    expect(target.clients.confidential?.client_secret).toMatch(/^[\w-]{43}$/);

    const { authorize } = (await import(pathToFileURL(driverFile).href)) as { authorize: AuthorizeDriver };
    const pub = target.clients.public!;
    const url = new URL(`${issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: pub.client_id,
      redirect_uri: pub.redirect_uri!,
      response_type: 'code',
      scope: 'openid',
      state: 'cli',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    }).toString();
    const callback = new URL(await authorize(url.href, (u, init) => fetch(u, { ...init, redirect: 'manual' })));
    expect(callback.searchParams.get('state')).toBe('cli');
    const token = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: pub.client_id,
        code: callback.searchParams.get('code')!,
        redirect_uri: pub.redirect_uri!,
        code_verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
      }),
    });
    expect(token.status).toBe(200);

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('TOK-7: a bad flag value exits 2 with a usage message, starting nothing', async () => {
    const child = launch('suites/peers/negative.ts', ['--kind', 'sometimes']);
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c));
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(err).toMatch(/--kind must be one of ok-empty, bad-request/);
  });
});
