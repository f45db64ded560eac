/**
 * What a defect switch is, with no list of them: the leaf that the authorization server's list
 * (defects.ts) and the desktop channel's (desktop/defects.ts) both build on, so neither imports
 * the other's module.
 */
import type { RequirementId } from '../../specs/index.js';

/** A `--defect NAME` switch: wrong in exactly one named way, breaking the IDs it lists. */
export interface Defect {
  readonly name: string;
  readonly breaks: readonly RequirementId[];
  readonly summary: string;
}

export const defect = (name: string, breaks: RequirementId[], summary: string): Defect => ({ name, breaks, summary });

export class UnknownDefectError extends Error {
  override name = 'UnknownDefectError';
  constructor(readonly unknown: readonly string[], valid: readonly Defect[]) {
    super(
      `unknown defect ${unknown.map((n) => `'${n}'`).join(', ')}. Valid names: ${valid.map((x) => x.name).join(', ')} (\`authprobe defects\` lists what each breaks)`,
    );
  }
}
