import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allRequirements, PROFILES } from '../specs/index.js';

const bin = fileURLToPath(new URL('./authprobe.js', import.meta.url));

function authprobe(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('authprobe command line', () => {
  it('prints usage for --help and exits 0', () => {
    const r = authprobe('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('authprobe test');
    expect(r.stdout).toContain('authprobe serve');
  });

  it('exits 2 for an unknown command, naming the commands and the hint to run --help', () => {
    const r = authprobe('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
    expect(r.stderr).toContain("Run 'authprobe --help' for usage.");
  });

  it('a usage error is one line and the hint, not the whole usage', () => {
    const r = authprobe('requirements', '--frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^authprobe requirements: Unknown option '--frobnicate'\nRun 'authprobe requirements --help' for usage\.\n$/);
  });

  for (const command of ['test', 'serve', 'requirements', 'defects', 'baseline', 'report', 'init']) {
    it(`${command} --help and help ${command} print that command's help with examples, exit 0`, () => {
      const a = authprobe(command, '--help');
      const b = authprobe('help', command);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toMatch(new RegExp(`^authprobe ${command}`));
      expect(a.stdout).toMatch(/Exit codes/);
      if (command !== 'defects') expect(a.stdout).toMatch(/Examples:/);
    });
  }

  it('help for an unknown topic exits 2 and names the commands', () => {
    const r = authprobe('help', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('test, serve, requirements');
  });

  it('requirements --json lists every ID of the catalogue', () => {
    const r = authprobe('requirements', '--json');
    expect(r.code).toBe(0);
    const listed = (JSON.parse(r.stdout) as { id: string }[]).map((x) => x.id);
    expect(listed).toEqual(allRequirements.map((x) => x.id));
  });

  it('CL-1..CL-20: requirements --area CL lists the client rows the mock judges', () => {
    const json = JSON.parse(authprobe('requirements', '--area', 'CL', '--json').stdout) as { id: string; subject: string }[];
    expect(json.map((x) => x.id)).toEqual(Array.from({ length: 20 }, (_, i) => `CL-${i + 1}`));
    expect(json.every((x) => x.subject === 'client')).toBe(true);
  });

  it('requirements --profile filters, and the table names each ID', () => {
    const r = authprobe('requirements', '--profile', 'desktop');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('DSK-12');
    expect(r.stdout).not.toContain('PKCE-1 ');
    const json = JSON.parse(authprobe('requirements', '--profile', 'users-api', '--area', 'CC', '--json').stdout) as {
      id: string;
    }[];
    expect(json.map((x) => x.id)).toEqual(['CC-1', 'CC-2', 'CC-3', 'CC-4', 'CC-5', 'CC-6']);
  });

  it('--profile nope exits 2 and names the valid profiles', () => {
    const r = authprobe('requirements', '--profile', 'nope');
    expect(r.code).toBe(2);
    for (const p of PROFILES) expect(r.stderr).toContain(p);
  });

  it('--area nope exits 2 and names the valid areas', () => {
    const r = authprobe('requirements', '--area', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PKCE');
  });
});
