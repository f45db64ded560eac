/**
 * The page's script as JavaScript, from `filter.browser.ts`. An installed package has it
 * compiled beside this module (`tsc -p tsconfig.build.json` emits `filter.browser.js`); a
 * checkout running the sources (tsx, vitest) transpiles the TypeScript with the `typescript`
 * devDependency. Either way the result is wrapped into one classic script whose sha256 goes
 * into the page's Content-Security-Policy.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const COMPILED = new URL('./filter.browser.js', import.meta.url);
// The source beside it, for a checkout (not a literal asset URL: the package ships the .js only).
const SOURCE = new URL(COMPILED.href.replace(/\.js$/, '.ts'));

function compile(): string {
  if (existsSync(COMPILED)) return readFileSync(COMPILED, 'utf8');
  // Loaded only here: a package installed without devDependencies has the compiled file.
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  return ts.transpileModule(readFileSync(SOURCE, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
  }).outputText;
}

export interface InlineScript {
  /** What goes between `<script>` and `</script>`. */
  code: string;
  /** `'sha256-…'` for `script-src`. */
  source: string;
}

let cached: InlineScript | undefined;

export function reportScript(): InlineScript {
  if (cached) return cached;
  // The file is a module to TypeScript; as a classic script its names stay inside a function.
  const body = compile()
    .replace(/^\s*export\s*\{\s*\};?\s*$/gm, '')
    .replace(/\/\/# sourceMappingURL=.*$/gm, '')
    .trim();
  if (body.includes('</script')) throw new Error('the report script must not contain "</script"');
  const code = `(function () {\n${body}\n})();`;
  cached = { code, source: cspHash(code) };
  return cached;
}

/** A CSP hash source for an inline `<script>` or `<style>` body. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
