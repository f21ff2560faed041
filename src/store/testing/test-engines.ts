export type TestEngine = 'sqlite' | 'postgres';

/** The PostgreSQL the tests use unless `SCIMSYNC_TEST_DATABASE_URL` names another. */
export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** Engines to run store-backed tests on: `SCIMSYNC_TEST_DB=sqlite,postgres` (default both). */
export function testEngines(): TestEngine[] {
  const value = process.env.SCIMSYNC_TEST_DB?.trim();
  if (value === undefined || value === '') return ['sqlite', 'postgres'];
  const engines = value.split(',').map((e) => e.trim().toLowerCase());
  for (const engine of engines) {
    if (engine !== 'sqlite' && engine !== 'postgres') {
      throw new TypeError(`SCIMSYNC_TEST_DB: unknown engine "${engine}" (sqlite, postgres)`);
    }
  }
  return [...new Set(engines)] as TestEngine[];
}

export function testDatabaseUrl(): string {
  return process.env.SCIMSYNC_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
}
