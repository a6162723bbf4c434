import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Native addons (hnswlib, onnxruntime) are happier in forked processes than in worker threads.
    pool: 'forks',
    // Tests (and the processes they start) never read a developer's .env: a token or DATABASE_PATH in it
    // would leak into them. The .env tests name the file they mean by unsetting this.
    // `npm run ask` started by a test runs a current dist/ or the sources, and never builds dist/ in the
    // background (RUN_FROM, scripts/run-fresh.mjs): the project's dist/ is not the tests' to write.
    env: { ENV_FILE: '/dev/null', RUN_FROM: 'no-build' },
  },
});
