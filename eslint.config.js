// ESLint 9 flat config: the recommended rules, typescript-eslint's type-checked ones, and
// the layer rules of docs/ARCHITECTURE.md ("Layers") as import restrictions.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// An import path matched by these regexes leaves its layer. Folder names are matched
// anywhere in the (relative) path: our top-level folders are not reused as subfolders.
const ours = (folders) => `(^|/)(${folders.join('|')})/`;
const storageLibraries = ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3', 'pg', 'pg-*'];
const renderLibraries = ['ink', 'ink-*', 'react', 'react/*', 'react-dom'];

const layer = {
  ui: {
    patterns: [
      {
        regex: ours(['db', 'cli']),
        message: 'src/ui reaches storage and the CLI only through EngineApi (src/engine/api.ts).',
      },
      { group: storageLibraries, message: 'src/ui never talks to a database driver.' },
    ],
  },
  engine: {
    patterns: [
      { regex: ours(['ui', 'cli']), message: 'src/engine never imports the dashboard or the CLI.' },
      { group: renderLibraries, message: 'src/engine never renders: no ink, no react.' },
    ],
  },
  handlers: {
    patterns: [
      { regex: ours(['db']), message: "Handlers see only the engine's types (src/engine/types.ts, ./types.ts)." },
    ],
  },
  db: {
    patterns: [
      {
        regex: ours(['engine', 'ui', 'cli', 'config', 'demo']),
        message: 'src/db imports nothing of ours outside src/db.',
      },
      { regex: '(^|/)main\\.js$', message: 'src/db imports nothing of ours outside src/db.' },
    ],
  },
  cli: {
    // open-store.ts: the same entry, with each store's code loaded on demand (src/db/index.ts loads both);
    // errors.ts: what a storage failure is, for exit codes, without loading either store.
    patterns: [
      {
        regex: '(^|/)db/(?!(index|open-store|errors)\\.js$)',
        message:
          'src/cli opens storage through src/db/index.ts (or its on-demand opener, open-store.ts) only; src/db/errors.ts tells storage failures apart.',
      },
    ],
  },
  main: {
    patterns: [{ regex: '^(?!\\./cli/)', message: 'src/main.ts only hands argv to src/cli.' }],
  },
};

const restrict = (...parts) => ['error', { patterns: parts.flatMap((p) => p.patterns) }];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'bench/out/**', 'drizzle/**', 'drizzle-pg/**', 'tmp/**', 'coverage/**'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Store, EngineApi and their fakes are async interfaces; an implementation that
      // answers at once is still an async method.
      '@typescript-eslint/require-await': 'off',
      // As `throw` may (only-throw-error's default): an abort reason or a store error is passed on as it came.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
    },
  },
  {
    // Tests and benchmarks match terminal escape sequences on purpose.
    files: ['tests/**', 'bench/**'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Plain JavaScript: the build script, bin/, fixtures that play services and handlers.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      sourceType: 'module',
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
  },
  {
    // bin/ is CommonJS (bin/package.json): the dashboard's start loads no ES module.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly' } },
  },
  {
    // Small files with one job each: a source file over 300 lines (every line counts) is split by job.
    files: ['src/**'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  { files: ['src/ui/**'], rules: { 'no-restricted-imports': restrict(layer.ui) } },
  { files: ['src/engine/**'], rules: { 'no-restricted-imports': restrict(layer.engine) } },
  { files: ['src/engine/handlers/**'], rules: { 'no-restricted-imports': restrict(layer.engine, layer.handlers) } },
  { files: ['src/db/**'], rules: { 'no-restricted-imports': restrict(layer.db) } },
  { files: ['src/cli/**'], rules: { 'no-restricted-imports': restrict(layer.cli) } },
  { files: ['src/main.ts'], rules: { 'no-restricted-imports': restrict(layer.main) } },
);
