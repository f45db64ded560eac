#!/usr/bin/env node
// Build steps around `tsc -p tsconfig.build.json` (npm's prebuild/postbuild):
//   clean: removes dist/, so that a file deleted from the sources is not shipped from a stale build;
//   copy:  puts beside the compiled code the files it reads at run time through import.meta.url
//          (JSON schemas, OpenAPI documents, the oidc-provider driver module), at the same
//          relative paths as in the sources, and a dist/package.json so that code reading
//          `../package.json` (the version) finds one from dist/ as it does from the sources.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const SOURCE_DIRS = ['specs', 'mocks', 'suites', 'fixtures', 'openapi', 'bin'];
// What compiled code reads at run time; tests, fixtures of tests and generated TS are not assets.
const isAsset = (name) => /\.(json|ya?ml|mjs|d\.mts)$/.test(name) && !/\.test\./.test(name) && name !== 'package-assets.mjs';

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) yield* files(path);
    } else yield path;
  }
}

const step = process.argv[2];
if (step === 'clean') {
  rmSync(dist, { recursive: true, force: true });
} else if (step === 'copy') {
  let copied = 0;
  for (const top of SOURCE_DIRS) {
    for (const file of files(join(root, top))) {
      if (!isAsset(file.slice(file.lastIndexOf('/') + 1))) continue;
      const target = join(dist, relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(file, target);
      copied += 1;
    }
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // Only what code under dist/ reads: the module type (ESM) and the version.
  writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module', version: pkg.version, private: true }, null, 2)}\n`);
  process.stdout.write(`package-assets: copied ${copied} asset(s) and wrote dist/package.json\n`);
} else {
  process.stderr.write('usage: node bin/package-assets.mjs clean|copy\n');
  process.exitCode = 2;
}
