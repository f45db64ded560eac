#!/usr/bin/env node
// The `authprobe` command. In a checkout the TypeScript sources run through tsx, so that
// `npx authprobe` always runs what is in the tree; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('./cli.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./cli.ts');
} else {
  await import('../dist/bin/cli.js');
}
