import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every Node-side test loads a mocked electron (ARCHITECTURE.md "Tests").
    setupFiles: ['tests/setup.ts'],
    // Builds dist/renderer when missing or stale, for the end-to-end tests.
    globalSetup: ['tests/globalSetup.ts'],
  },
});
