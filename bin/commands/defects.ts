/** `authprobe defects`: each --defect switch of the mock and the requirement IDs it breaks. */
import { parseArgs } from 'node:util';
import { allDefects as defects } from '../../mocks/index.js';
import { formatTable } from '../table.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: false });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(defects, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(formatTable(['DEFECT', 'BREAKS', 'WHAT IT DOES'], defects.map((d) => [d.name, d.breaks.join(','), d.summary])));
  process.stdout.write(`\n${defects.length} defect(s). Use: authprobe serve --defect NAME\n`);
  return 0;
}
