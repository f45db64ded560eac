/**
 * Checks answers of the desktop channel against openapi/desktop-ipc.yaml (ajv, JSON Schema
 * 2020-12): the status must be documented for the operation and the body must match its
 * schema. An undocumented path may only answer 404 `{name, message}`.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

const DOC_ID = 'https://authprobe.invalid/openapi/desktop-ipc.json';
export const desktopContractPath = new URL('../../openapi/desktop-ipc.yaml', import.meta.url);

type Json = Record<string, unknown>;

export interface DesktopAnswer { method: string; path: string; status: number; body: unknown; contentType?: string }

export interface DesktopContract {
  /** Throws, naming the operation, status and schema errors, when the answer breaks the contract. */
  check(answer: DesktopAnswer): void;
  /** The document as parsed (for tests that read it). */
  readonly document: Json;
}

/** `#/components/schemas/X` -> an absolute ref into the registered `$defs`. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')
      ? `${DOC_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`
      : rewriteRefs(v);
  }
  return out;
}

function deref(doc: Json, node: unknown): Json {
  let n = node as Json;
  while (n && typeof n.$ref === 'string') {
    n = (n.$ref as string).slice(2).split('/').reduce<unknown>((o, key) => (o as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc) as Json;
  }
  return n;
}

export function loadDesktopContract(): DesktopContract {
  const document = parse(readFileSync(desktopContractPath, 'utf8')) as Json;
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const schemas = (document.components as Json).schemas as Json;
  ajv.addSchema({ $id: DOC_ID, $defs: rewriteRefs(schemas) as Json });
  const errorSchema = ajv.compile({ $ref: `${DOC_ID}#/$defs/Error` });
  const cache = new Map<string, ValidateFunction>();
  const templates = Object.keys(document.paths as Json).map((t) => ({
    template: t,
    re: new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
  }));

  return {
    document,
    check({ method, path, status, body, contentType }) {
      const pathname = path.split('?')[0]!;
      const match = templates.find((t) => t.re.test(pathname));
      const where = `${method} ${pathname} -> ${status}`;
      if (!match) {
        if (status !== 404 || !errorSchema(body)) throw new Error(`${where}: undocumented path answered other than 404 {name, message}: ${JSON.stringify(body)}`);
        return;
      }
      const op = (document.paths as Json)[match.template] as Json;
      const operation = op[method.toLowerCase()] as Json | undefined;
      if (!operation) {
        if (status === 404 || status === 405) {
          if (!errorSchema(body)) throw new Error(`${where}: an undocumented method must answer {name, message}: ${JSON.stringify(body)}`);
          return;
        }
        throw new Error(`${where}: method not documented for ${match.template}`);
      }
      const responses = operation.responses as Json;
      const response = responses[String(status)];
      if (!response) throw new Error(`${where}: status ${status} is not documented for ${method} ${match.template} (documented: ${Object.keys(responses).join(', ')}); body ${JSON.stringify(body)}`);
      const content = deref(document, response).content as Json | undefined;
      if (!content) {
        if (body !== undefined && body !== '') throw new Error(`${where}: documented without a body but answered ${JSON.stringify(body)}`);
        return;
      }
      const media = contentType?.split(';')[0]?.trim() ?? 'application/json';
      if (!content[media]) throw new Error(`${where}: media type ${media} not documented (documented: ${Object.keys(content).join(', ')})`);
      if (media !== 'application/json') return;
      const key = `${match.template} ${method} ${status}`;
      let validate = cache.get(key);
      if (!validate) {
        validate = ajv.compile(rewriteRefs((content[media] as Json).schema) as Json);
        cache.set(key, validate);
      }
      if (!validate(body)) {
        throw new Error(`${where}: body breaks openapi/desktop-ipc.yaml: ${ajv.errorsText(validate.errors)}; body ${JSON.stringify(body)}`);
      }
    },
  };
}
