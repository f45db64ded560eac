/** Writing the JSON, JUnit and HTML reports a command was asked for (`-` for JSON on stdout). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { toHtml, toJson, toJUnit, type Report } from '../suites/api.js';

function write(file: string, text: string): void {
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes each requested report; returns what went wrong, if anything. */
export function writeReports(report: Report, files: { json?: string | undefined; junit?: string | undefined; html?: string | undefined }): string | undefined {
  try {
    if (files.json) write(files.json, toJson(report));
    if (files.junit) write(files.junit, toJUnit(report));
    if (files.html) write(files.html, toHtml(report));
  } catch (err) {
    return `cannot write the report: ${(err as Error).message}`;
  }
  return undefined;
}
