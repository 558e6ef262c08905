#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/syncdeck.mjs', import.meta.url);
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('syncdeck: not built yet; run `npm install` (or `npm run build`) in the syncdeck folder\n');
  process.exit(2);
}
// The dashboard on a terminal runs from one script compiled from V8's code cache; every
// other start from the module bundle (src/cli/screen-script.ts).
const argv = process.argv.slice(2);
const { screenScriptFor } = await import(new URL('../dist/screen-start.mjs', import.meta.url).href);
const screen = screenScriptFor(argv);
if (screen) process.exitCode = await screen.runCli(argv);
else await import(bundle.href);
