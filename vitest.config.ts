// Two tiers (docs/ARCHITECTURE.md, Tests):
// - fast: in-process tests (unit, ui, the store contract, property fuzzing). No bundle, no
//   tmux, no root; `npm run test:fast` runs them on SQLite only.
// - processes: tests that start real processes (the bundle, tmux, command handlers,
//   workers) and may need root or PostgreSQL. The bundle is built once before them.
// `npm test` (and CI) runs both.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

const FAST = [
  'tests/unit/**/*.test.{ts,tsx}',
  'tests/ui/**/*.test.{ts,tsx}',
  'tests/store-contract/**/*.test.ts',
  'tests/fuzz/**/*.test.ts',
];
const PROCESSES = [
  'tests/integration/**/*.test.ts',
  'tests/e2e/**/*.test.ts',
  'tests/faults/**/*.test.ts',
  'tests/security/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two files at a time in both tiers: vitest's default is one worker on a 2-core
    // machine, and the process tests spend most of their time waiting on their children.
    maxWorkers: 2,
    // The config cache of every syncdeck a test starts (docs/config.md, "The config cache")
    // goes to a folder of the tests' own: the user's ~/.cache keeps its entries (it holds 32,
    // and a test run writes hundreds).
    env: { XDG_CACHE_HOME: join(tmpdir(), 'syncdeck-test-cache') },
    projects: [
      { extends: true, test: { name: 'fast', include: FAST } },
      // A process test starts several processes in turn: about half a second each on an idle
      // machine, up to six seconds on a loaded CI box (measured: five starts took 32 s).
      {
        extends: true,
        test: {
          name: 'processes',
          include: PROCESSES,
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
