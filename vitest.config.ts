import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The answer engine's word vectors are built by `npm install`; this makes sure a test run has them.
    globalSetup: ['test/global-setup.ts'],
    // better-sqlite3 is a native addon: separate processes (forks) are the safe pool for it.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The JSON report is what .ci/run counts to print "N passed, N failed".
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-results.json' },
  },
});
