/**
 * Validates recorded answers against the response schemas of openapi/oauth.yaml and
 * users-api.yaml (ajv, JSON Schema 2020-12), so the contract and the mock cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Exchange } from './http-kit.js';

type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

const DOCS = ['oauth', 'users-api'].map((name) => ({
  name,
  doc: parse(readFileSync(new URL(`../../openapi/${name}.yaml`, import.meta.url), 'utf8')) as Json,
}));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
for (const { name, doc } of DOCS) ajv.addSchema(doc, name);

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function at(doc: Json, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((v, p) => (v as Json | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function findPath(path: string): { name: string; doc: Json; template: string } | null {
  for (const { name, doc } of DOCS) {
    for (const template of Object.keys(doc.paths as Json)) {
      const re = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(path)) return { name, doc, template };
    }
  }
  return null;
}

/** Problems of one exchange; empty when it matches the contract. */
export function contractProblems(x: Exchange): string[] {
  const where = `${x.method} ${x.path} -> ${x.status}`;
  const found = findPath(x.path);
  if (!found) return x.status === 404 ? [] : [`${where}: path not in the OpenAPI documents`];
  const method = x.method === 'HEAD' ? 'get' : x.method.toLowerCase();
  const opPointer = `/paths/${esc(found.template)}/${method}`;
  const op = at(found.doc, opPointer) as Json | undefined;
  if (!op) return x.status === 405 ? [] : [`${where}: method not documented`];
  let respPointer = `${opPointer}/responses/${x.status}`;
  let resp = at(found.doc, respPointer) as Json | undefined;
  if (!resp) return [`${where}: status not documented`];
  if (typeof resp.$ref === 'string') {
    respPointer = resp.$ref.slice(1);
    resp = at(found.doc, respPointer) as Json;
  }
  const problems: string[] = [];
  for (const [h, def] of Object.entries((resp.headers as Json | undefined) ?? {})) {
    const d = (def as Json).$ref ? (at(found.doc, ((def as Json).$ref as string).slice(1)) as Json) : (def as Json);
    if (d.required && x.headers.get(h) === null) problems.push(`${where}: required header ${h} missing`);
  }
  const content = resp.content as Json | undefined;
  if (!content) {
    if (x.text.length > 0 && x.status !== 302) problems.push(`${where}: body where the contract has none`);
    return problems;
  }
  const type = (x.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!(type in content)) return [...problems, `${where}: content-type '${type}' not documented (${Object.keys(content).join(', ')})`];
  const schemaRef = `${found.name}#${respPointer}/content/${esc(type)}/schema`;
  const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
  let body: unknown = x.text;
  if (type.endsWith('json')) {
    try {
      body = JSON.parse(x.text);
    } catch {
      return [...problems, `${where}: body is not JSON`];
    }
  }
  if (!validate(body)) problems.push(`${where}: ${ajv.errorsText(validate.errors)} in ${x.text.slice(0, 200)}`);
  return problems;
}
