#!/usr/bin/env node
// `npm run bench -- <name>`: runs bench/<name>.ts through tsx; without a known name, lists them.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const available = readdirSync(benchDir).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
const name = process.argv[2];

if (!name || !available.includes(name)) {
  if (name) console.error(`Unknown benchmark "${name}".`);
  console.error(`Usage: npm run bench -- <name>\nAvailable: ${available.join(', ')}`);
  process.exit(name ? 2 : 0);
}

register();
await import(pathToFileURL(join(benchDir, `${name}.ts`)).href);
