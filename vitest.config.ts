import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A wait, not a bound on speed: a busy CI machine can take more than a second over what a
    // counter does at once (speed is measured by bench/, never by these waits).
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
    // Every Node-side test loads a mocked electron (ARCHITECTURE.md "Tests").
    setupFiles: ['tests/setup.ts'],
    // Builds dist/renderer when missing or stale, for the end-to-end tests.
    globalSetup: ['tests/globalSetup.ts'],
  },
});
