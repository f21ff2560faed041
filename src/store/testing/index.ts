/**
 * Test helpers for store-backed tests in every module: fresh stores per engine and the engine
 * list from `SCIMSYNC_TEST_DB`. Not part of the store's runtime surface.
 * @module
 */
export {
  TEST_RUN_ID_ENV,
  dropTestSchemas,
  newTestRunId,
  openTestStore,
  type TestStore,
  type TestStoreOptions,
} from './open-test-store.js';
export { testEngines, testDatabaseUrl, DEFAULT_TEST_DATABASE_URL, type TestEngine } from './test-engines.js';
