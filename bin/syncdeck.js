#!/usr/bin/env node
// CommonJS (bin/package.json): a dashboard's start then never loads Node's ES module loader,
// about 6 ms of it (docs/ARCHITECTURE.md, "The screen script").
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const bundle = join(__dirname, '..', 'dist', 'syncdeck.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('syncdeck: not built yet; run `npm install` (or `npm run build`) in the syncdeck folder\n');
  process.exit(2);
}
// The dashboard on a terminal and `status` run from a script of their own compiled from V8's
// code cache; every other start from the module bundle (src/cli/screen-script.ts).
const argv = process.argv.slice(2);
const script = require('../dist/screen-start.cjs').commandScriptFor(argv);
if (script)
  void script.runCli(argv).then((code) => {
    process.exitCode = code;
  });
else void import(pathToFileURL(bundle).href);
