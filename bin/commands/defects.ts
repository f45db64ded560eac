// Placeholder until its issue lands: the command exists so that usage and dispatch are complete.
export async function run(_argv: string[]): Promise<number> {
  process.stderr.write('authprobe defects: not available yet in this build.\n');
  return 2;
}
