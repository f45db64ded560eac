/**
 * The mock's pages run one inline script each, compiled from a `*.browser.ts` file and allowed
 * by its sha256 in the page's Content-Security-Policy (no 'unsafe-inline', no script file to
 * serve). Same scheme as the HTML report's (suites/report/html/browser-script.ts; the layers
 * keep mocks/ from importing suites/): an installed package has the `.browser.js` compiled
 * beside the source by `tsc -p tsconfig.build.json`; a checkout running the sources (tsx,
 * vitest) transpiles the TypeScript with the `typescript` devDependency, once, on the first
 * request for the page (never at start-up: most mocks never serve a page).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface InlineScript {
  /** What goes between `<script>` and `</script>`. */
  code: string;
  /** `'sha256-…'` for `script-src`. */
  source: string;
}

/** A CSP hash source for an inline `<script>` or `<style>` body. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** `compiled` names the `.browser.js` the build emits; without it (a checkout), its `.ts` source is transpiled. */
function compile(compiled: URL): string {
  if (existsSync(compiled)) return readFileSync(compiled, 'utf8');
  const source = new URL(compiled.href.replace(/\.js$/, '.ts'));
  const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
  return ts.transpileModule(readFileSync(source, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
  }).outputText;
}

const cache = new Map<string, InlineScript>();

/** `source` is the URL of a `*.browser.js` file (compiled from a `.browser.ts` without imports or exports). */
export function inlineScript(source: URL): InlineScript {
  const hit = cache.get(source.href);
  if (hit) return hit;
  // The file is a module to TypeScript; as a classic script its names stay inside a function.
  const body = compile(source)
    .replace(/^\s*export\s*\{\s*\};?\s*$/gm, '')
    .replace(/\/\/# sourceMappingURL=.*$/gm, '')
    .trim();
  if (body.includes('</script')) throw new Error(`${source.pathname}: a page script must not contain "</script"`);
  const code = `(function () {\n${body}\n})();`;
  const script = { code, source: cspHash(code) };
  cache.set(source.href, script);
  return script;
}

/**
 * The CSP of a page with one hashed script and hashed styles: it may fetch and stream from its
 * own origin only (`connect-src 'self'`), submits no form, loads nothing else and is never
 * framed (answer.ts PAGE_CSP says why).
 */
export function scriptedPageCsp(script: InlineScript, styles: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${script.source}`,
    `style-src ${styles.map(cspHash).join(' ')}`,
    "connect-src 'self'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}
