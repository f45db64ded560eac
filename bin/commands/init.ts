/** `authprobe init --issuer URL [--out FILE] [--force]`: a commented target file from the server's metadata. */
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { initTarget, TargetConfigError, TargetUnreachableError } from '../../suites/api.js';
import { UsageError } from '../usage.js';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { issuer: { type: 'string' }, out: { type: 'string', default: 'authprobe.target.jsonc' }, force: { type: 'boolean', default: false } },
  });
  if (!values.issuer) throw new UsageError('--issuer URL is required: the authorization server to describe');
  if (existsSync(values.out) && !values.force) {
    process.stderr.write(`authprobe init: ${values.out} exists; choose another --out, or --force to overwrite it\n`);
    return 2;
  }
  let result;
  try {
    result = await initTarget(values.issuer);
  } catch (err) {
    if (err instanceof TargetConfigError || err instanceof TargetUnreachableError) {
      process.stderr.write(`authprobe init: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  writeFileSync(values.out, result.text);
  process.stdout.write(`wrote ${values.out} (profiles ${result.profiles.join(', ') || 'none'}, from ${result.metadataUrl}); fill in the clients, then: npx authprobe test --config ${values.out}\n`);
  return 0;
}
