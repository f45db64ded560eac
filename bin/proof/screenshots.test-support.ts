/**
 * Where browser tests write their screenshots: always under `test-artifacts/screenshots/`
 * (gitignored, for a person to look at after a run), and into `docs/screenshots/` as well when
 * `UPDATE_DOCS_SCREENSHOTS=1` — so the docs' pictures come from the tests, and a plain
 * `npm test` leaves the work tree clean.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));
const DOCS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The paths a screenshot named `name` (e.g. `report-1280.png`) is written to. */
export function screenshotPaths(name: string): string[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  return [join(ARTIFACTS, name), ...(process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? [join(DOCS, name)] : [])];
}
