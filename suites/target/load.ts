/**
 * Reads a target file: JSON with comments and trailing commas (JSONC, as the docs' examples are
 * written), validated, `env:NAME` secrets resolved, module paths made absolute against the
 * file's directory. Nothing here touches the network.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { TargetConfigError, type TargetFieldProblem } from './errors.js';
import type { SecretRef, TargetFile, TargetSpec } from './types.js';
import { validateTarget } from './validate.js';
import { parse as parseJsoncText, printParseErrorCode, type ParseError } from 'jsonc-parser';

const ENV = /^env:([A-Za-z_][A-Za-z0-9_]*)$/;

/** Reads and validates a target file. Throws TargetConfigError with one line per bad field. */
export function loadTarget(path: string): TargetSpec {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TargetConfigError(file, [
      { path: '$', problem: code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(err)})`, fix: 'Check the --config path.' },
    ]);
  }
  const data = parseJsonc(text, file);
  return defineTarget(data, { baseDir: dirname(file), source: file });
}

/** JSON with comments and trailing commas; a syntax error names its line and column. */
function parseJsonc(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const data = parseJsoncText(text, errors, { allowTrailingComma: true, disallowComments: false });
  const first = errors[0];
  if (first) {
    const before = text.slice(0, first.offset);
    const line = before.split('\n').length;
    const column = first.offset - before.lastIndexOf('\n');
    throw new TargetConfigError(file, [{ path: '$', problem: `is not valid JSON or JSONC: ${printParseErrorCode(first.error)} at line ${line}, column ${column}`, fix: 'Fix the syntax there (comments and trailing commas are allowed).' }]);
  }
  return data;
}

/** Validates a target given as an object (e.g. built in code); module paths resolve against baseDir. */
export function defineTarget(data: unknown, opts: { baseDir?: string; source?: string; env?: NodeJS.ProcessEnv } = {}): TargetSpec {
  const source = opts.source ?? 'inline target';
  const baseDir = opts.baseDir ?? process.cwd();
  const env = opts.env ?? process.env;
  const file = validateTarget(data, source);
  const spec: TargetSpec = { ...structuredClone(file), baseDir, source, secrets: [] };
  const problems: TargetFieldProblem[] = [];

  const secret = (path: string, value: string): string => {
    const m = ENV.exec(value);
    if (!m) {
      spec.secrets.push({ value, placeholder: `<${path.slice(2)}>` });
      return value;
    }
    const name = m[1] as string;
    const resolved = env[name];
    if (resolved === undefined || resolved === '') {
      problems.push({ path, problem: `environment variable ${name} is not set`, fix: `Export ${name}, or give the secret literally.` });
      return '';
    }
    spec.secrets.push({ value: resolved, placeholder: `$${name}` });
    return resolved;
  };
  const modulePath = (path: string, value: string): string => {
    const abs = isAbsolute(value) ? value : resolve(baseDir, value);
    if (!existsSync(abs)) problems.push({ path, problem: `module ${abs} does not exist`, fix: 'Paths are relative to the target file.' });
    return abs;
  };

  const c = spec.clients;
  if (c?.confidential) c.confidential.client_secret = secret('$.clients.confidential.client_secret', c.confidential.client_secret);
  if (c?.usersApi) c.usersApi.client_secret = secret('$.clients.usersApi.client_secret', c.usersApi.client_secret);
  if (c?.inactive) c.inactive.client_secret = secret('$.clients.inactive.client_secret', c.inactive.client_secret);
  if (spec.registration) spec.registration.bearer = secret('$.registration.bearer', spec.registration.bearer);
  if (spec.authorize?.mode === 'module') spec.authorize.module = modulePath('$.authorize.module', spec.authorize.module);
  if (spec.clock?.mode === 'module') spec.clock.module = modulePath('$.clock.module', spec.clock.module);
  if (spec.desktop?.prompts?.mode === 'module') {
    spec.desktop.prompts.module = modulePath('$.desktop.prompts.module', spec.desktop.prompts.module);
  }
  for (const name of ['public', 'public2'] as const) {
    const client = c?.[name];
    if (client && !URL.canParse(client.redirect_uri)) {
      problems.push({ path: `$.clients.${name}.redirect_uri`, problem: `${JSON.stringify(client.redirect_uri)} is not an absolute URI`, fix: 'Give the registered redirect URI exactly.' });
    }
  }
  if (problems.length) throw new TargetConfigError(source, problems);
  // Longest first, so that a secret containing another is replaced whole.
  spec.secrets.sort((a: SecretRef, b: SecretRef) => b.value.length - a.value.length);
  return spec;
}

export type { TargetFile };
