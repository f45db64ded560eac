/** The JSON report: the Report object itself, documented by report.schema.json. */
import { readFileSync } from 'node:fs';
import type { Report } from '../runner/types.js';

export const reportSchema = JSON.parse(readFileSync(new URL('./report.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export function toJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
