/**
 * Lints the OpenAPI documents with Redocly's core (which openapi-typescript itself uses),
 * under the rules of openapi/redocly.yaml. `npm run lint:openapi` prints every problem.
 */
import { pathToFileURL } from 'node:url';
import { formatProblems, lint, loadConfig, type NormalizedProblem } from '@redocly/openapi-core';
import { documentNames, documentPath, openapiDir } from './documents.js';

export async function lintFile(path: string): Promise<NormalizedProblem[]> {
  const config = await loadConfig({ configPath: `${openapiDir}redocly.yaml` });
  return lint({ ref: path, config });
}

export function lintDocument(name: string): Promise<NormalizedProblem[]> {
  return lintFile(documentPath(name));
}

export function describeProblem(p: NormalizedProblem): string {
  const where = p.location[0]?.pointer ?? '';
  return `${p.severity} ${p.ruleId} at ${where}: ${p.message}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let failed = false;
  for (const name of documentNames()) {
    const problems = await lintDocument(name);
    console.log(`openapi/${name}.yaml: ${problems.length === 0 ? 'clean' : `${problems.length} problem(s)`}`);
    if (problems.length > 0) {
      failed = true;
      formatProblems(problems, { format: 'stylish', totals: { errors: 0, warnings: 0, ignored: 0 }, version: '' });
    }
  }
  process.exitCode = failed ? 1 : 0;
}
