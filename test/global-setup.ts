import { dropTestSchemas, testEngines } from '../src/store/testing/index.js';

/**
 * Test stores on PostgreSQL live in schemas `test_<random>`. They are dropped here, before and
 * after the run, when no file is migrating, instead of by each file as it ends (see open-test-store.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const postgres = testEngines().includes('postgres');
  if (postgres) await dropTestSchemas();
  return async () => {
    if (postgres) await dropTestSchemas();
  };
}
