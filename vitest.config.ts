import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Property and fuzz tests are CPU-bound; two workers match the CI machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
