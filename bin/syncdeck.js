#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/syncdeck.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('syncdeck: not built yet; run `npm install` (or `npm run build`) in the syncdeck folder\n');
  process.exit(2);
}
await import(bundle.href);
