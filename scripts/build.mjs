// Bundles the CLI into one ESM file: start-up over SSH is felt on every connection,
// and one production bundle imports ink + react + drizzle about 4x faster than the
// unbundled tree (docs/ARCHITECTURE.md, Composition root).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { keptChunks } from './kept-chunks.mjs';

if (!existsSync('src/main.ts')) process.exit(0);

// Ink loads react-devtools-core only when DEV=true; bundled, that import would become a
// static one of a package we do not ship. Give it an empty module instead.
const noDevtools = {
  name: 'no-react-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() {} };',
      loader: 'js',
    }));
  },
};

// better-sqlite3 is CommonJS: imported from an ES module, Node parses its files with its
// CommonJS lexer to learn their exports and wraps them in an ES module (about a tenth of a
// `status --json` start's module loading). Its only import is the default export, the
// driver's class: taken with require() it is the same object, without the lexer.
const sqliteByRequire = {
  name: 'better-sqlite3-by-require',
  setup(b) {
    b.onResolve({ filter: /^better-sqlite3$/ }, (args) =>
      args.namespace === 'by-require'
        ? { path: 'better-sqlite3', external: true }
        : { path: 'better-sqlite3', namespace: 'by-require' },
    );
    b.onLoad({ filter: /.*/, namespace: 'by-require' }, () => ({
      contents:
        "import { createRequire } from 'node:module'; export default createRequire(import.meta.url)('better-sqlite3');",
      loader: 'js',
    }));
  },
};

/** An esbuild filter that matches exactly one of these import paths. */
const exactly = (paths) => new RegExp(`^(${paths.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);

// Ink builds every frame's text in a new Output that remembers nothing; ours
// (src/ui/output/ink-output.ts) gives the same text but rebuilds only the rows that changed.
// Its text measures (src/ui/output/ink-measure.ts) remember a text while frames show it.
const inkSwaps = [
  ['renderer', './output.js', 'ink-output.ts'],
  ['dom', './measure-text.js', 'ink-measure.ts'],
  ['render-node-to-output', 'widest-line', 'ink-widest-line.ts'],
];
const inkSwapped = new Set();
const inkOutput = {
  name: 'ink-output-with-memory',
  setup(b) {
    b.onResolve({ filter: exactly(inkSwaps.map(([, path]) => path)) }, (args) => {
      const importer = /[\\/]ink[\\/]build[\\/]([\w-]+)\.js$/.exec(args.importer)?.[1];
      const swap = inkSwaps.find(([from, path]) => path === args.path && from === importer);
      if (!swap) return undefined;
      inkSwapped.add(swap);
      return { path: fileURLToPath(new URL(`../src/ui/output/${swap[2]}`, import.meta.url)) };
    });
  },
};

// esbuild wraps a CommonJS module in a new namespace object, copying each export, in every ES
// module that imports it: React's 45 exports, 65 times, and its JSX runtime 33 times, were
// about 10 ms of the screen thread's start and its garbage. Imported as ES modules, each is
// wrapped once: a module that names the CommonJS module's exports (its production build's,
// as the bundle's) and is imported instead. require() calls still get the CommonJS module.
/** [import path, its production build's file in the package] */
const ES_MODULE_FACES = [
  ['react', 'cjs/react.production.js'],
  ['react/jsx-runtime', 'cjs/react-jsx-runtime.production.js'],
];
const esModuleFacesUsed = new Set();
const esModuleFaces = {
  name: 'es-module-faces',
  setup(b) {
    b.onResolve({ filter: exactly(ES_MODULE_FACES.map(([specifier]) => specifier)) }, (args) => {
      if (args.kind !== 'import-statement' || args.namespace === 'es-module-face') return undefined;
      return { path: args.path, namespace: 'es-module-face' };
    });
    b.onLoad({ filter: /.*/, namespace: 'es-module-face' }, (args) => {
      const face = ES_MODULE_FACES.find(([specifier]) => specifier === args.path);
      esModuleFacesUsed.add(face);
      const require = createRequire(import.meta.url);
      const packageJson = require.resolve(`${args.path.split('/')[0]}/package.json`);
      const names = Object.keys(require(join(dirname(packageJson), face[1])));
      return {
        contents: `import cjs from ${JSON.stringify(args.path)};\nexport default cjs;\nexport const { ${names.join(', ')} } = cjs;\n`,
        resolveDir: process.cwd(),
        loader: 'js',
      };
    });
  },
};

// The same for Node's built-in modules that Ink and its packages import as a default export,
// in the screen's script (in the module bundle Node itself imports them): esbuild copied
// `process` for each of 13 modules, each of its properties a getter, about 4 ms, and fs, tty
// and os twice or three times. Each is copied once, into a module that re-exports it; its
// default export is the built-in module itself. Named imports alone are not copied.
const BUILTIN_FACES = ['process', 'fs', 'tty', 'os'];
const builtinFacesUsed = new Set();
const builtinFaces = {
  name: 'builtin-faces',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(node:)?(${BUILTIN_FACES.join('|')})$`) }, (args) => {
      if (args.kind !== 'import-statement' || args.namespace === 'builtin-face') return undefined;
      return { path: args.path.replace(/^node:/, ''), namespace: 'builtin-face' };
    });
    b.onLoad({ filter: /.*/, namespace: 'builtin-face' }, (args) => {
      builtinFacesUsed.add(args.path);
      const specifier = JSON.stringify(`node:${args.path}`);
      return {
        contents: `export * from ${specifier};\nconst builtin = require(${specifier});\nexport default builtin;\n`,
        loader: 'js',
      };
    });
  },
};

// string-width builds an Intl.Segmenter and compiles its emoji expressions when it is loaded:
// about 35 ms of the screen thread's start for each of its two versions (Ink's and
// wrap-ansi's), though a dashboard's first frame measures its text without it
// (src/ui/output/text-width.ts). Every import of it gets a stand-in that loads it at the first
// call (a require() of an ES module, which esbuild evaluates when it is first required).
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve('string-width', {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'real',
      });
      if (real.errors.length > 0) return { errors: real.errors };
      lazyStringWidthUsed = true;
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      contents: `let width;
export default function stringWidth(text, options) {
  width ??= require(${JSON.stringify(args.path)}).default;
  return width(text, options);
}`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
let lazyStringWidthUsed = false;

// Third-party code that costs every start for nothing, patched as the bundle is built. Each
// patch must apply, or the build fails: a newer version may have moved the code, so look
// again (BENCHMARKS.md, "Where it goes"; tests/integration/lazy-loading.test.ts).
// Ink's text libraries each make a grapheme segmenter: given ours instead, they ask ICU only
// about text whose code points do not all stand alone, and ICU's rules (6–30 ms of a thread's
// first segmenter) wait for such text (src/ui/text/graphemes.ts).
function graphemeSegmenterFor(find, name) {
  return {
    find,
    replace: `const ${name} = __graphemeSegmenter;`,
    prepend: `import { graphemeSegmenter as __graphemeSegmenter } from ${JSON.stringify(fileURLToPath(new URL('../src/ui/text/graphemes.ts', import.meta.url)))};\n`,
  };
}

// Yoga's WebAssembly, which its loader carries as base64 text: decoding those 96 KB of text
// took about 10 ms of the screen thread's start, and the text was a tenth of its script. The
// bytes go to dist/yoga.wasm beside the bundles, which read them (the patch below).
const YOGA_LOADER = fileURLToPath(
  new URL('../node_modules/yoga-layout/dist/binaries/yoga-wasm-base64-esm.js', import.meta.url),
);
const YOGA_DATA_URL = /H="data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(
  readFileSync(YOGA_LOADER, 'utf8'),
);
if (!YOGA_DATA_URL) throw new Error(`scripts/build.mjs: ${YOGA_LOADER} no longer holds its WebAssembly as base64`);
mkdirSync('dist', { recursive: true });
writeFileSync('dist/yoga.wasm', Buffer.from(YOGA_DATA_URL[1], 'base64'));

const SOURCE_PATCHES = [
  {
    // Yoga's loader carries its WebAssembly as base64 and, where `fetch` exists, fetches it
    // from a data: URL (which loads Node's whole fetch implementation, undici: about 50 ms of a
    // start) or else decodes it, asynchronously either way. Given an instantiateWasm it does
    // neither: this one compiles and instantiates dist/yoga.wasm at once (72 KB, about 3 ms),
    // so the module is ready when the loader returns, nothing awaits it at the top level and
    // the screen's bundle can be a script (src/cli/screen-script.ts).
    file: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/,
    find: 'if(h.instantiateWasm)try{',
    replace:
      'h.instantiateWasm=h.instantiateWasm||function(i,r){var n=new WebAssembly.Instance(new WebAssembly.Module(__yogaReadFile(new URL("./yoga.wasm",import.meta.url))),i);r(n);return n.exports};if(h.instantiateWasm)try{',
    // The base64 text, unread now, is left out of the bundles: an empty data: URL stays.
    edits: [[YOGA_DATA_URL[0], 'H="data:application/octet-stream;base64,"']],
    prepend: "import { readFileSync as __yogaReadFile } from 'node:fs';\n",
  },
  {
    file: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/,
    find: 'const Yoga = wrapAssembly(await loadYoga());',
    replace: 'const loaded = {};\nloadYoga(loaded);\nconst Yoga = wrapAssembly(loaded);',
  },
  {
    file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
    ...graphemeSegmenterFor(
      'const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });',
      'segmenter',
    ),
  },
  {
    file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/,
    ...graphemeSegmenterFor(
      "const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});",
      'GRAPHEME_SEGMENTER',
    ),
  },
  {
    // Both versions: Ink's and wrap-ansi's.
    file: /[\\/]string-width[\\/]index\.js$/,
    ...graphemeSegmenterFor('const segmenter = new Intl.Segmenter();', 'segmenter'),
  },
  {
    // Ink's error screen builds a stack parser at load: stack-utils compiles an expression per
    // Node built-in module (about 9 ms of the screen thread's start) for a screen shown only
    // when the dashboard itself fails. Built at the first error instead.
    file: /[\\/]ink[\\/]build[\\/]components[\\/]ErrorOverview\.js$/,
    find: "import StackUtils from 'stack-utils';",
    replace: '',
    edits: [
      [
        `const stackUtils = new StackUtils({
    cwd: cwd(),
    internals: StackUtils.nodeInternals(),
});`,
        `let stackUtilsMade;
const stackUtils = {
    parseLine(line) {
        const StackUtils = require('stack-utils');
        stackUtilsMade ??= new StackUtils({ cwd: cwd(), internals: StackUtils.nodeInternals() });
        return stackUtilsMade.parseLine(line);
    },
};`,
      ],
    ],
  },
  {
    // React's developer tools (DEV=true) are not shipped (noDevtools above): no top-level await for them.
    file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
    find: "        await import('./devtools.js');",
    replace: '        void 0;',
    edits: [['? await loadPackageJson()', "? { name: 'ink', version: '' }"]],
  },
  {
    // Ink asks of every text it lays out and draws whether it holds a C1 control character,
    // walking it with a string iterator: about a tenth of a dashboard's garbage, collected
    // several times a second. One regular expression answers the same.
    file: /[\\/]ink[\\/]build[\\/]ansi-tokenizer\.js$/,
    find: `    for (const character of text) {
        if (isC1ControlCharacter(character)) {
            return true;
        }
    }
    return false;`,
    replace: '    return /[\\u0080-\\u009f]/.test(text);',
  },
  {
    // Ink sanitizes every text it lays out and draws, tokenizing every text that holds an
    // escape, on every frame, once per level of nested <Text>: the dashboard's texts hold only
    // colour codes, which it keeps. It asks first whether that is all (src/ui/output/sgr-only.ts).
    file: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/,
    find: `    if (!hasAnsiControlCharacters(text)) {`,
    replace: `    if (!hasAnsiControlCharacters(text) || holdsOnlySgr(text)) {`,
    prepend: `import { holdsOnlySgr } from ${JSON.stringify(fileURLToPath(new URL('../src/ui/output/sgr-only.ts', import.meta.url)))};\n`,
  },
  {
    // signal-exit (Ink's, and cli-cursor's) loads Node's assert module, about 1.5 ms of the
    // screen thread's start, for one check that its callback is a function.
    file: /[\\/]signal-exit[\\/]index\.js$/,
    find: "var assert = require('assert')",
    replace:
      'var assert = { equal: function (actual, expected, message) { if (actual != expected) throw new TypeError(message) } }',
  },
  {
    // terminal-size, Ink's fallback when stdout is no terminal, loads child_process at once
    // (about 2.5 ms of the screen thread's start) for commands it runs only in that case.
    file: /[\\/]terminal-size[\\/]index\.js$/,
    find: "import {execFileSync} from 'node:child_process';",
    replace: "const execFileSync = (...args) => require('node:child_process').execFileSync(...args);",
  },
  {
    // drizzle's SQL builder imports PostgreSQL's enum column (and with it most of pg-core:
    // 34 KB compiled on every SQLite start) only to ask whether a value is a PostgreSQL enum,
    // which it answers by a global symbol. The same test, without the import.
    file: /[\\/]drizzle-orm[\\/]sql[\\/]sql\.js$/,
    find: 'import { isPgEnum } from "../pg-core/columns/enum.js";',
    replace:
      'const isPgEnumSym = Symbol.for("drizzle:isPgEnum"); const isPgEnum = (obj) => !!obj && typeof obj === "function" && isPgEnumSym in obj && obj[isPgEnumSym] === true;',
  },
  {
    // drizzle's relations import PostgreSQL's primary-key builder (and pg-core's table) only for
    // is(entry, PrimaryKeyBuilder), which compares the entity kind: a class of that kind answers the same.
    file: /[\\/]drizzle-orm[\\/]relations\.js$/,
    find: 'import { PrimaryKeyBuilder } from "./pg-core/primary-keys.js";',
    replace: 'class PrimaryKeyBuilder { static [Symbol.for("drizzle:entityKind")] = "PgPrimaryKeyBuilder"; }',
  },
  {
    // drizzle's migrator loads node:crypto (about 5 ms) for the hashes of migrations it reads,
    // which only a migration does: loaded then. Every open imports it (src/db/migration-journal.ts).
    file: /[\\/]drizzle-orm[\\/]migrator\.js$/,
    find: 'import crypto from "node:crypto";',
    replace: 'const crypto = { createHash: (algorithm) => require("node:crypto").createHash(algorithm) };',
  },
  {
    // node-postgres asks whether it runs in a Cloudflare Worker by building a `Response`, which
    // loads undici: about 60 ms of every start on PostgreSQL. Node is never a Cloudflare Worker.
    file: /[\\/]pg[\\/]lib[\\/]stream\.js$/,
    find: "if (typeof Response === 'function') {",
    replace: 'if (false) {',
  },
];
const patchesApplied = new Set();
const sourcePatches = {
  name: 'source-patches',
  setup(b) {
    for (const patch of SOURCE_PATCHES)
      b.onLoad({ filter: patch.file }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const edits = [[patch.find, patch.replace], ...(patch.edits ?? [])];
        if (!edits.every(([find]) => text.includes(find))) return undefined;
        patchesApplied.add(patch);
        const patched = edits.reduce((t, [find, replace]) => t.replace(find, replace), text);
        return { contents: (patch.prepend ?? '') + patched, loader: 'js' };
      });
  },
};

// The config cache (src/config/cache.ts) keys its entries on the sources the bundle was built
// from: a rebuilt schema may read the same config differently.
const sources = createHash('sha256');
for (const f of readdirSync('src', { recursive: true, encoding: 'utf8' }).sort()) {
  if (/\.tsx?$/.test(f)) sources.update(f).update(readFileSync(`src/${f}`));
}
sources.update(readFileSync('package.json'));
const buildId = sources.digest('hex').slice(0, 16);

/** What the three builds below share: Node 20, production React, whitespace and syntax minified, maps beside. */
const COMMON = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
};
/** dist/screen.cjs and dist/status.cjs are each the body of this function expression (src/cli/screen-script.ts runs them as CommonJS). */
const SCRIPT_WRAPPER = ['(function (exports, require, module, __filename, __dirname) {', '\n})'];
/** import.meta.url in a CommonJS build: that of the module bundle's files, which sit beside it in dist/. */
const MODULE_URL_BANNER = 'var __syncdeckModuleUrl = require("node:url").pathToFileURL(__filename).href;';
/**
 * The hash drizzle records for each store's first migration (sha256 of its SQL): opening a
 * database compares it, and with it built in no start loads node:crypto to work it out
 * (src/db/migration-journal.ts). A migration, once released, never changes.
 */
function firstMigrationHashes() {
  const hashes = {};
  for (const folder of ['drizzle', 'drizzle-pg']) {
    const [first] = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')).entries;
    hashes[folder] = createHash('sha256')
      .update(readFileSync(`${folder}/${first.tag}.sql`, 'utf8'))
      .digest('hex');
  }
  return hashes;
}
const DEFINE = {
  'process.env.NODE_ENV': '"production"',
  'process.env.SYNCDECK_BUILD_ID': JSON.stringify(buildId),
  'process.env.SYNCDECK_FIRST_MIGRATION_HASHES': JSON.stringify(JSON.stringify(firstMigrationHashes())),
};

const result = await build({
  // The command line, and the dashboard's engine in its worker thread (src/cli/dashboard-worker.ts).
  // Code both use goes to shared chunks beside them: the worker finds its bundle next to the chunk
  // that starts it, so every file stays in dist/ itself.
  ...COMMON,
  entryPoints: { syncdeck: 'src/main.ts', 'dashboard-worker': 'src/cli/dashboard-worker.ts' },
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  define: DEFINE,
  external: ['better-sqlite3'],
  plugins: [esModuleFaces, noDevtools, sqliteByRequire, inkOutput, lazyStringWidth, sourcePatches],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __syncdeckCreateRequire } from 'node:module'; const require = __syncdeckCreateRequire(import.meta.url);",
  },
  // What each entry and chunk holds and imports: tests/integration/lazy-loading.test.ts reads it.
  metafile: true,
});
writeFileSync('dist/meta.json', JSON.stringify(result.metafile));

// What bin/syncdeck.js asks first: whether this start is the dashboard on a terminal, which
// runs the screen script below; one file, so that a start that is not loads nothing more.
// CommonJS, as bin/syncdeck.js is: the dashboard's start loads no ES module.
await build({
  ...COMMON,
  entryPoints: { 'screen-start': 'src/cli/screen-script.ts' },
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  define: { ...DEFINE, 'import.meta.url': '__syncdeckModuleUrl' },
  banner: { js: MODULE_URL_BANNER },
});

// What the dashboard's screen thread never loads, left out of its script (src/cli/screen-script.ts
// runs it only for the dashboard on a terminal that can show it): the other commands, the
// status table it would print instead, the config parser (the screen reads only the config
// cache; the engine's worker parses) and the PostgreSQL store (the screen reads no PostgreSQL).
// Each dynamic import of these becomes a module that says so if it is ever reached.
const NOT_ON_SCREEN = [
  ['src/cli/run-cli.ts', /^\.\/commands\/(?!ui\.js$)/],
  ['src/cli/commands/ui.ts', /^\.\/status\.js$/],
  ['src/config/cache.ts', /^\.\/load\.js$/],
  ['src/db/open-store.ts', /^\.\/(postgres|move)\//],
];
// What `status`'s script leaves out: every other command (status run from a shell is the
// command run most often; its script holds the config parser and both stores).
const NOT_IN_STATUS = [['src/cli/run-cli.ts', /^\.\/commands\/(?!status\.js$)/]];
const rulesUsed = new Set();
/** Leaves out of `script` what `rules` name: each such dynamic import becomes a module that throws. */
function leftOut(script, rules) {
  return {
    name: `left-out-of-${script}`,
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const rule = rules.find(([from, what]) => args.importer.endsWith(from) && what.test(args.path));
        if (!rule) return undefined;
        rulesUsed.add(rule);
        return { path: `${rule[0]} → ${args.path}`, namespace: 'left-out' };
      });
      b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`${args.path} is not in dist/${script}; SYNCDECK_CODE_CACHE=off starts without it`)});`,
        loader: 'js',
      }));
    },
  };
}

// The same command line as one script, for the dashboard's screen thread and for `status`:
// compiled from V8's code cache, which Node 20 has for scripts only (src/cli/screen-script.ts).
// ASCII (esbuild's default charset), so that it is read without UTF-8 decoding.
async function buildScript(name, rules) {
  await build({
    ...COMMON,
    entryPoints: { [name]: 'src/cli/run-cli.ts' },
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { ...DEFINE, 'import.meta.url': '__syncdeckModuleUrl' },
    // better-sqlite3's JavaScript is bundled too, into the code cache (both open the
    // database): required from node_modules it was compiled from source at every start, about
    // 8 ms. Its addon comes from the path src/db/sqlite/native-binding.ts finds.
    plugins: [
      esModuleFaces,
      builtinFaces,
      leftOut(`${name}.cjs`, rules),
      noDevtools,
      inkOutput,
      lazyStringWidth,
      sourcePatches,
    ],
    // Written as the function that src/cli/screen-script.ts compiles: the text read is the
    // source V8 takes, not a copy made by wrapping it (fresh memory is the cost of a megabyte).
    banner: { js: `${SCRIPT_WRAPPER[0]}${MODULE_URL_BANNER}` },
    footer: { js: SCRIPT_WRAPPER[1] },
  });
  // src/cli/screen-script.ts reads the script as Latin-1 (no UTF-8 decoding): esbuild's
  // default charset escapes every other character, which this holds it to.
  if (/[\u0080-\u00ff]/.test(readFileSync(`dist/${name}.cjs`, 'latin1')))
    throw new Error(
      `scripts/build.mjs: dist/${name}.cjs holds a character outside ASCII; see src/cli/screen-script.ts`,
    );
}
await buildScript('screen', NOT_ON_SCREEN);
await buildScript('status', NOT_IN_STATUS);
for (const rule of [...NOT_ON_SCREEN, ...NOT_IN_STATUS])
  if (!rulesUsed.has(rule))
    throw new Error(
      `scripts/build.mjs: ${rule[0]} no longer imports ${rule[1]} on demand; see NOT_ON_SCREEN, NOT_IN_STATUS`,
    );

// Chunks of earlier builds have other hashes. Those of the last few builds stay for the
// processes still running them (scripts/kept-chunks.mjs); older ones go.
const RECENT_BUILDS = 'dist/recent-builds.json';
let recentBuilds = [];
try {
  recentBuilds = JSON.parse(readFileSync(RECENT_BUILDS, 'utf8'));
} catch {
  // The first build, or a dist/ from before this list: keep only this build's chunks.
}
const currentChunks = Object.keys(result.metafile.outputs)
  .map((o) => o.slice(o.lastIndexOf('/') + 1))
  .filter((f) => f.startsWith('chunk-') && f.endsWith('.mjs'));
const kept = keptChunks(readdirSync('dist'), currentChunks, recentBuilds);
for (const f of kept.remove) rmSync(`dist/${f}`);
writeFileSync(RECENT_BUILDS, JSON.stringify(kept.recent));
// A newer Ink that no longer imports these where it did would silently lose the swap.
for (const swap of inkSwaps)
  if (!inkSwapped.has(swap))
    throw new Error(
      `scripts/build.mjs: Ink's ${swap[0]}.js no longer imports ${swap[1]}; see src/ui/output/${swap[2]}`,
    );
for (const name of BUILTIN_FACES)
  if (!builtinFacesUsed.has(name))
    throw new Error(`scripts/build.mjs: nothing imports node:${name} any more; see BUILTIN_FACES`);
for (const face of ES_MODULE_FACES)
  if (!esModuleFacesUsed.has(face))
    throw new Error(`scripts/build.mjs: nothing imports ${face[0]} any more; see ES_MODULE_FACES`);
if (!lazyStringWidthUsed)
  throw new Error('scripts/build.mjs: nothing imports string-width any more; drop lazyStringWidth');
for (const patch of SOURCE_PATCHES)
  if (!patchesApplied.has(patch))
    throw new Error(`scripts/build.mjs: no file matching ${patch.file} holds ${JSON.stringify(patch.find)} any more`);
