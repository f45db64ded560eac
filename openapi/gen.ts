/**
 * `npm run gen`: regenerates openapi/generated/<name>.ts from each openapi/<name>.yaml with
 * openapi-typescript. `--check` writes nothing and exits 1 when a committed file differs
 * from a fresh generation (the drift check CI runs).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { documentNames, documentPath, generatedDir, generatedPath } from './documents.js';

export async function generate(name: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(documentPath(name)), { alphabetize: true });
  return `// Generated from openapi/${name}.yaml by \`npm run gen\` (openapi-typescript). Do not edit.\n\n${astToString(ast)}`;
}

/** Names whose committed generated file differs from a fresh generation. */
export async function drifted(): Promise<string[]> {
  const out: string[] = [];
  for (const name of documentNames()) {
    let committed = '';
    try {
      committed = readFileSync(generatedPath(name), 'utf8');
    } catch {
      // missing counts as drift
    }
    if (committed !== (await generate(name))) out.push(name);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--check')) {
    const names = await drifted();
    if (names.length > 0) {
      console.error(`openapi/generated is out of date for: ${names.join(', ')}. Run \`npm run gen\` and commit the result.`);
      process.exit(1);
    }
    console.log('openapi/generated matches the documents.');
  } else {
    mkdirSync(generatedDir, { recursive: true });
    for (const name of documentNames()) {
      writeFileSync(generatedPath(name), await generate(name));
      console.log(`openapi/generated/${name}.ts`);
    }
  }
}
