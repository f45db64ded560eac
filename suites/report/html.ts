/**
 * The HTML reporter: one self-contained, offline page (see `html/page.ts`). Failures open by
 * default with their counterexample, replay command and exchanges as curl commands.
 */
export { toHtml } from './html/page.js';
