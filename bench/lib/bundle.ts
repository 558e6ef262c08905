// Bundles a benchmark child script the way scripts/build.mjs bundles syncdeck (one ESM
// file, production React), so its memory and start-up resemble the product's.
import { build } from 'esbuild';

export async function bundle(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minifySyntax: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    external: ['better-sqlite3'],
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return outfile;
}
