/**
 * The authprobe command line: dispatches to one module per command. Each command module
 * exports `run(argv): Promise<number>` and returns the exit code.
 */
import { readFileSync } from 'node:fs';
import { COMMAND_HELP, helpFor } from './help.js';
import { USAGE, UsageError } from './usage.js';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  test: () => import('./commands/test.js'),
  serve: () => import('./commands/serve.js'),
  requirements: () => import('./commands/requirements.js'),
  defects: () => import('./commands/defects.js'),
  baseline: () => import('./commands/baseline.js'),
  report: () => import('./commands/report.js'),
  init: () => import('./commands/init.js'),
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// `authprobe requirements | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return first === undefined ? 2 : 0;
  }
  if (first === 'help') {
    const topic = rest[0];
    if (topic === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const text = helpFor(topic);
    if (!text) return usageError('help', `no help for '${topic}'. Commands: ${Object.keys(COMMAND_HELP).join(', ')}`);
    process.stdout.write(`${text}\n`);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  const load = commands[first];
  if (!load) {
    process.stderr.write(`authprobe: unknown command '${first}'. Commands: ${Object.keys(commands).join(', ')}. Run 'authprobe --help' for usage.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${helpFor(first) ?? USAGE}\n`);
    return 0;
  }
  try {
    const { run } = await load();
    return await run(rest);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return usageError(first, (err as Error).message);
    throw err;
  }
}

/** One line saying what was wrong, and where to read more: never the whole usage. */
function usageError(command: string, message: string): number {
  const line = message.replace(/\s*\n\s*/g, ' ').replace(/\. To specify a positional argument.*$/, '');
  process.stderr.write(`authprobe ${command}: ${line}\nRun 'authprobe ${command === 'help' ? '' : `${command} `}--help' for usage.\n`);
  return 2;
}

const code = await main(process.argv.slice(2)).catch((err: unknown) => {
  // Last resort: a bug in authprobe itself. Say so plainly, without a wall of stack.
  process.stderr.write(`authprobe: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.env.AUTHPROBE_DEBUG) console.error(err);
  return 70;
});
process.exitCode = code;
