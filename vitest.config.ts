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
    env: { ENV_FILE: '/dev/null' },
  },
});
