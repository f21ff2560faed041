import { TEST_RUN_ID_ENV, dropTestSchemas, newTestRunId, testEngines } from '../src/store/testing/index.js';

/**
 * Test stores on PostgreSQL live in schemas `test_<run>_<random>`. This run's are dropped at the
 * end, when no file is migrating, instead of by each file as it ends (see open-test-store.ts);
 * other runs' schemas are left alone unless they are hours old (a crashed run's).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const runId = newTestRunId();
  process.env[TEST_RUN_ID_ENV] = runId;
  const postgres = testEngines().includes('postgres');
  if (postgres) await dropTestSchemas();
  return async () => {
    if (postgres) await dropTestSchemas({ runId });
  };
}
