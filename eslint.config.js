// ESLint: the layers of ../shared/DESIGN.md as import boundaries, and a few rules that catch real mistakes.
// Deliberately no style rules (formatting and naming are not checked here).
//
//   http | cli | web  →  services  →  domain + db (+ contracts)       domain imports nothing of the others
//
// An import that crosses a layer the wrong way fails `npm run lint`. Known exceptions that need a restructuring
// owned by someone else are listed in ALLOWED_EXCEPTIONS below, each with its reason: shrink that list, never grow
// it without one.
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Each layer: where its files are (full paths from the repository root). */
const ELEMENTS = [
  { type: 'domain', pattern: 'src/domain/**', mode: 'full' },
  { type: 'contracts', pattern: 'src/contracts/**', mode: 'full' },
  { type: 'db', pattern: 'src/db/**', mode: 'full' },
  { type: 'services', pattern: 'src/services/**', mode: 'full' },
  { type: 'http', pattern: 'src/http/**', mode: 'full' },
  { type: 'cli', pattern: 'src/cli/**', mode: 'full' },
  { type: 'demo', pattern: 'src/demo/**', mode: 'full' },
  // Adapters behind small interfaces: files by SHA-256 (storage), Ed25519/SHA-256 of node:crypto for the domain's
  // record code (crypto).
  { type: 'storage', pattern: 'src/storage/**', mode: 'full' },
  { type: 'crypto', pattern: 'src/crypto/**', mode: 'full' },
  // Process-wide basics: the validated configuration and the clock (BONAFIDE_NOW, setClock in tests).
  { type: 'config', pattern: 'src/config.ts', mode: 'full' },
  { type: 'clock', pattern: 'src/clock.ts', mode: 'full' },
  // Composition root: opens the database and the file store for serve, the CLI and tests.
  { type: 'runtime', pattern: 'src/runtime.ts', mode: 'full' },
  { type: 'web', pattern: 'web/src/**', mode: 'full' },
];

/** Which layers each layer may import (besides itself). */
const LAYERS = {
  domain: [], // pure: no I/O, no schemas of the HTTP contract
  contracts: ['domain'],
  db: ['domain', 'contracts', 'clock', 'config'],
  services: ['domain', 'contracts', 'db', 'storage', 'crypto', 'clock', 'config'],
  http: ['services', 'contracts', 'domain', 'clock', 'config'],
  // The CLI goes through services; offline commands (dossier verify, credential verify, kpi, spc, aql, id) use the
  // domain and its node:crypto adapter directly; serve composes the HTTP app; demo seeds the workspace.
  cli: ['services', 'contracts', 'domain', 'crypto', 'runtime', 'config', 'clock', 'http', 'demo'],
  demo: ['services', 'contracts', 'domain', 'runtime', 'clock', 'config'],
  storage: ['domain'],
  crypto: ['domain'],
  config: [],
  clock: ['config'],
  runtime: ['db', 'services', 'storage', 'config', 'clock'],
  web: ['domain', 'contracts'], // browser code: never db, services or http
};

/**
 * Imports that cross a layer the wrong way today, each waiting for a restructuring owned by someone else.
 * `files` are the importing files; `allow` the layers they may additionally import.
 */
const ALLOWED_EXCEPTIONS = [
  {
    // Migration 010 makes signing keys for existing organizations and appends their existing records to the new
    // log with the record service's own code, so that a backfilled entry is byte for byte what the service writes.
    reason: 'migration 010 backfills the verifiable log with the record services',
    files: ['src/db/migrations/010-verifiable-record.ts'],
    allow: ['services'],
  },
  {
    // The demo seed asks whether it already ran (the first demo user exists) and sets the demo organizations'
    // profile fields that no service writes.
    reason: 'the demo seed reads users and updates organizations directly',
    files: ['src/demo/seed.ts'],
    allow: ['db'],
  },
  {
    // `bonafide migrate` is the database's own command: it runs the migrator and prints what it applied.
    reason: 'bonafide migrate runs the migrator itself',
    files: ['src/cli/commands/migrate.ts'],
    allow: ['db'],
  },
];

function layerRules(extra = []) {
  return {
    default: 'disallow',
    rules: Object.entries(LAYERS).map(([from, allow]) => ({ from: [from], allow: [from, ...allow, ...extra] })),
  };
}

const NODE_BUILTINS = {
  patterns: [{ group: ['node:*'], message: 'src/domain and web/src are pure: no Node.js built-ins (take data or a small interface instead).' }],
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'web/dist/**', 'test-results/**', '**/*.wasm', 'bench/results/**'],
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    plugins: { boundaries, '@typescript-eslint': tseslint.plugin },
    // Disable comments for rules this config leaves off (no-explicit-any, exhaustive-deps) are kept quietly.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    settings: {
      'boundaries/elements': ELEMENTS,
      // Tests may reach into any layer to set up their world; the layers apply to product code.
      'boundaries/ignore': ['**/*.test.ts', '**/*.test.tsx'],
      'boundaries/legacy-warnings': false,
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': ['error', layerRules()],
      // No focused tests in the tree (team rule: no .only).
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='only'][callee.object.name=/^(it|test|describe|bench)$/]",
          message: 'no .only: every test runs in CI',
        },
      ],
      'no-debugger': 'error',
      'no-dupe-keys': 'error',
      'no-self-assign': 'error',
      'no-unsafe-finally': 'error',
      'no-constant-binary-expression': 'error',
    },
  },
  ...ALLOWED_EXCEPTIONS.map(({ files, allow }) => ({
    files,
    rules: { 'boundaries/dependencies': ['error', layerRules(allow)] },
  })),
  {
    // React: hooks called in the same order on every render (a real bug when broken). exhaustive-deps stays off:
    // the code's own eslint-disable comments for it are kept for readers.
    files: ['web/src/**/*.tsx', 'web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'off' },
  },
  {
    files: ['src/domain/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', NODE_BUILTINS] },
  },
);
