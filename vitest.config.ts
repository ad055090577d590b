import { defineConfig } from 'vitest/config';
import { missingSnowflakeVariables } from './test/snowflake/support/suite-env.js';

// Against a real account, so only when SNOWFLAKE_* says which: without them the project is absent,
// neither run nor reported as skipped (`npm run test:snowflake` then names what is missing).
const snowflake =
  missingSnowflakeVariables(process.env).length === 0
    ? [
        {
          test: {
            name: 'snowflake',
            include: ['test/snowflake/**/*.test.ts'],
            environment: 'node' as const,
            // One file at a time: a single warehouse serves them all, and the bill stays readable.
            fileParallelism: false,
            testTimeout: 180_000,
            hookTimeout: 180_000,
          },
        },
      ]
    : [];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/setup/global-setup.ts'],
          // Services are shared by every file; running files one at a time keeps
          // a 2-core machine from starving the broker and the emulator.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      ...snowflake,
    ],
  },
});
