import { parseArgs } from 'node:util';
import { AREAS, PROFILES, allRequirements, type Area, type Profile } from '../../specs/index.js';
import { UsageError } from '../usage.js';
import { formatTable } from '../table.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string', multiple: true },
      area: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const claimed = (values.profile ?? []).flatMap((p) => p.split(','));
  for (const p of claimed) {
    if (!PROFILES.includes(p as Profile)) throw new UsageError(`unknown profile '${p}'. Valid profiles: ${PROFILES.join(', ')}.`);
  }
  const areas = (values.area ?? []).flatMap((a) => a.split(',')).map((a) => a.toUpperCase());
  for (const a of areas) {
    if (!AREAS.includes(a as Area)) throw new UsageError(`unknown area '${a}'. Valid areas: ${AREAS.join(', ')}.`);
  }
  // Client rows (CL) too: the catalogue lists them, the mock judges them (GET /_mock/client-report).
  const rows = allRequirements.filter(
    (r) =>
      (claimed.length === 0 || r.profiles.some((p) => claimed.includes(p))) &&
      (areas.length === 0 || areas.includes(r.area)),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    formatTable(
      ['ID', 'LEVEL', 'PROFILES', 'SOURCE', 'REQUIREMENT'],
      rows.map((r) => [r.id, r.level, r.profiles.join(','), r.source, r.text]),
    ),
  );
  process.stdout.write(`\n${rows.length} requirement(s).\n`);
  return 0;
}
