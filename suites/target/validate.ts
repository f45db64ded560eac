/**
 * Validates a target file against target.schema.json (ajv, draft 2020-12) and turns ajv's
 * errors into one line per bad field: its JSON path, what is wrong and what to do.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { exclusiveProfiles } from '../../specs/index.js';
import { TargetConfigError, type TargetFieldProblem } from './errors.js';
import type { TargetFile } from './types.js';

export const targetSchema = JSON.parse(
  readFileSync(new URL('./target.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, strict: true, discriminator: true, strictTypes: false, verbose: true });
addFormats(ajv);
const validateTargetFile = ajv.compile<TargetFile>(targetSchema);

/** `$.clients.public.client_id` from ajv's `/clients/public/client_id`. */
function jsonPath(instancePath: string, child?: string): string {
  const parts = instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) parts.push(child);
  return '$' + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function describe(err: ErrorObject, data: unknown): TargetFieldProblem {
  const value = err.instancePath
    .split('/')
    .slice(1)
    .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);
  const path = jsonPath(err.instancePath);
  switch (err.keyword) {
    case 'additionalProperties': {
      const field = (err.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys(((err.parentSchema as { properties?: object } | undefined)?.properties) ?? {});
      return {
        path: jsonPath(err.instancePath, field),
        problem: `unknown field "${field}"`,
        fix: known.length ? `Remove it or use one of: ${known.join(', ')}.` : 'Remove it.',
      };
    }
    case 'required': {
      const field = (err.params as { missingProperty: string }).missingProperty;
      // The two conditional requirements (schema allOf): say which profile asks for the field.
      if (err.instancePath === '' && field === 'issuer') {
        return { path: '$.issuer', problem: 'is missing, and a profile other than desktop is claimed', fix: 'Add "issuer" (the OAuth server), or claim only the desktop profile: a desktop-only target needs no issuer.' };
      }
      if (err.instancePath === '' && field === 'desktop') {
        return { path: '$.desktop', problem: 'is missing, and desktop is the only profile claimed', fix: 'Add "desktop": {"socket": "<path of the app\'s Unix socket>"}.' };
      }
      return { path: jsonPath(err.instancePath, field), problem: 'is missing', fix: `Add "${field}".` };
    }
    case 'type':
      return { path, problem: `must be ${(err.params as { type: string }).type} (got ${show(value)})`, fix: 'Fix its type.' };
    case 'enum':
      return {
        path,
        problem: `${show(value)} is not allowed`,
        fix: `Use one of: ${((err.params as { allowedValues: unknown[] }).allowedValues).map(String).join(', ')}.`,
      };
    case 'const':
      return { path, problem: `must be ${show((err.params as { allowedValue: unknown }).allowedValue)}`, fix: 'Fix the value.' };
    case 'format':
    case 'pattern':
      if (path.startsWith('$.endpoint_origins')) {
        return {
          path,
          problem: `${show(value)} is not an origin (scheme://host[:port], without path, query or fragment)`,
          fix: 'Give an origin such as "https://login.example.com", or remove it.',
        };
      }
      return {
        path,
        problem: `${show(value)} is not an absolute http(s) URL${path === '$.issuer' ? ' without query or fragment' : ''}`,
        fix: 'Give a full URL such as "https://as.example.com".',
      };
    case 'minLength':
      return { path, problem: 'is empty', fix: 'Give a value or remove the field.' };
    case 'minItems':
      return { path, problem: 'is empty', fix: 'Name at least one profile: public-client, native-loopback, confidential, users-api, registration, desktop.' };
    case 'uniqueItems':
      return { path, problem: 'lists a value twice', fix: 'Remove the duplicate.' };
    case 'minimum':
    case 'maximum':
      return { path, problem: `${show(value)} is out of range (${err.message ?? ''})`, fix: 'Fix the number.' };
    case 'discriminator':
      return {
        path: jsonPath(err.instancePath, 'mode'),
        problem: `"mode" is missing or unknown (got ${show((value as { mode?: unknown } | undefined)?.mode)})`,
        fix: 'Use one of the modes the schema lists for this field (redirect/module, mock/module).',
      };
    default:
      return { path, problem: err.message ?? err.keyword, fix: 'See suites/target/target.schema.json.' };
  }
}

/** Checks the shape; returns the file typed, or throws TargetConfigError listing every bad field once. */
export function validateTarget(data: unknown, source: string): TargetFile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new TargetConfigError(source, [{ path: '$', problem: 'is not a JSON object', fix: 'The target file is one JSON object.' }]);
  }
  const problems: TargetFieldProblem[] = [];
  if (!validateTargetFile(data)) {
    const seen = new Set<string>();
    for (const err of validateTargetFile.errors ?? []) {
      // oneOf/if wrappers repeat what their branch already said.
      if (err.keyword === 'oneOf' || err.keyword === 'if') continue;
      const p = describe(err, data);
      if (seen.has(p.path)) continue;
      seen.add(p.path);
      problems.push(p);
    }
  } else {
    for (const [a, b] of exclusiveProfiles) {
      if (data.profiles.includes(a) && data.profiles.includes(b)) {
        problems.push({ path: '$.profiles', problem: `claims both ${a} and ${b}`, fix: 'Claim one of them: they disagree on loopback ports.' });
      }
    }
  }
  if (problems.length) throw new TargetConfigError(source, problems);
  return data as TargetFile;
}
