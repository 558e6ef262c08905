// Two tiers (docs/ARCHITECTURE.md, Tests):
// - fast: in-process tests (unit, ui, the store contract, property fuzzing). No bundle, no
//   tmux, no root; `npm run test:fast` runs them on SQLite only.
// - processes: tests that start real processes (the bundle, tmux, command handlers,
//   workers) and may need root or PostgreSQL. The bundle is built once before them.
// `npm test` (and CI) runs both.
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
    projects: [
      { extends: true, test: { name: 'fast', include: FAST } },
      { extends: true, test: { name: 'processes', include: PROCESSES, globalSetup: ['tests/global-setup.ts'] } },
    ],
  },
});
