// Bundles the CLI into one ESM file: start-up over SSH is felt on every connection,
// and one production bundle imports ink + react + drizzle about 4x faster than the
// unbundled tree (DESIGN.md §6).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

if (!existsSync('src/main.ts')) process.exit(0);

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/syncdeck.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  external: ['better-sqlite3', 'react-devtools-core'],
  // Some bundled CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __syncdeckCreateRequire } from 'node:module'; const require = __syncdeckCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
