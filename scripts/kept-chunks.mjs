// Which chunk files a build leaves in dist/ (scripts/build.mjs). A running engine or dashboard
// loads some chunks only when it first needs them (a handler, an alert sender, a config
// reload), so a build made while it runs (an upgrade) must leave the chunks of the builds
// that may still be running: those of the last KEEP_BUILDS builds stay, older ones go.
export const KEEP_BUILDS = 5;

/**
 * @param {string[]} files the names in dist/
 * @param {string[]} current the chunk files of this build
 * @param {string[][]} recent the chunk files of the builds before it, newest first
 * @returns {{ remove: string[], recent: string[][] }} what to delete, and the list to record
 */
export function keptChunks(files, current, recent) {
  const builds = [current, ...recent].slice(0, KEEP_BUILDS);
  const keep = new Set(builds.flat());
  const remove = files.filter((f) => f.startsWith('chunk-') && !keep.has(f.replace(/\.map$/, '')));
  return { remove, recent: builds };
}
