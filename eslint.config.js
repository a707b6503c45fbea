// Lint: TypeScript rules plus the dependency direction of ARCHITECTURE.md,
// enforced per folder with no-restricted-imports (import strings are matched
// gitignore-style, so '../../main/x' is caught by '**/main/**').
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'child_process', 'net', 'crypto', 'os', 'better-sqlite3', 'serialport', 'node-thermal-printer', 'kysely', 'pg', '@electric-sql/pglite', 'electron'];
const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'demo/**', 'artifacts/**', '.hub-data/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Money is integer cents: no parseFloat.' },
        { selector: "CallExpression[callee.property.name='toFixed']", message: 'Money is integer cents: no toFixed.' },
      ],
    },
  },
  layer(['src/shared/**'], ['**/main/**', '**/renderer/**', '**/preload/**', '**/hardware/**', '**/hub/**', ...nodeOnly, 'react', 'react-dom'],
    'src/shared is imported by every process: it imports nothing of theirs and no Node module.'),
  layer(['src/renderer/**'], ['**/main/**', '**/preload/**', '**/hardware/**', '**/hub/**', ...nodeOnly],
    'The renderer talks to the station only through the contract in src/shared (renderer → shared).'),
  layer(['src/preload/**'], ['**/main/**', '**/renderer/**', '**/hardware/**', '**/hub/**', ...nodeOnly.filter((m) => m !== 'electron')],
    'The preload exposes the contract and nothing else (preload → shared).'),
  layer(['src/hardware/**'], ['**/main/**', '**/renderer/**', '**/preload/**', '**/hub/**', 'electron'],
    'Device drivers depend only on src/shared (hardware → shared) and never on electron.'),
  layer(['src/hub/**'], ['**/main/**', '**/renderer/**', '**/preload/**', '**/hardware/**', 'electron'],
    'The hub is its own service (hub → shared).'),
  layer(['src/main/**'], ['**/renderer/**', '**/preload/**', '**/hub/**', 'electron', '**/main/index', '**/index.ts'],
    'Only src/main/index.ts may import electron; src/main/* depends on shared and hardware.'),
  // The station room sits below the rooms that use it: the registry and dispatch (src/main) join them.
  layer(['src/main/station/**'], ['**/renderer/**', '**/preload/**', '**/hub/**', 'electron', '**/main/index', '**/index.ts', '**/devices/**', '**/sync/**', '**/web/**', '**/registry', '**/dispatch', '../registry', '../dispatch', '../../registry', '../../dispatch'],
    'src/main/station is a room of its own: src/main/registry.ts joins it with devices and sync, never the other way.'),
  { files: ['src/main/index.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/hub/**'], message: 'main → shared, hardware' }] }] } },
  { files: ['tests/**', 'bench/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
