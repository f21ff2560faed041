import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { SchemaRegistry } from '../../scim/index.js';
import { createPostgresStore } from '../postgres/postgres-store.js';
import { createSqliteStore } from '../sqlite/sqlite-store.js';
import type { Store } from '../store.js';
import { testDatabaseUrl, type TestEngine } from './test-engines.js';

export interface TestStore {
  readonly store: Store;
  /** Closes the store and removes its file or schema. */
  dispose(): Promise<void>;
}

export interface TestStoreOptions {
  readonly schemas?: SchemaRegistry;
  /** PostgreSQL pool size (default 4: test files run in parallel on small machines). */
  readonly maxConnections?: number;
}

/**
 * A fresh, migrated store: a SQLite file in a new temporary directory, or a new PostgreSQL
 * schema `test_<random>` (dropped by the test run's global setup and teardown).
 *
 * @example
 * const { store, dispose } = await openTestStore('sqlite');
 * afterAll(dispose);
 */
export async function openTestStore(engine: TestEngine, options: TestStoreOptions = {}): Promise<TestStore> {
  const schemas = options.schemas === undefined ? {} : { schemas: options.schemas };
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'scimsync-store-'));
    const store = await createSqliteStore(join(dir, 'test.db'), schemas);
    return {
      store,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  const connectionString = testDatabaseUrl();
  const store = await createPostgresStore({
    connectionString,
    schema,
    maxConnections: options.maxConnections ?? 4,
    ...schemas,
  });
  return {
    store,
    // The schema is left for test/global-setup.ts to drop once no test runs: dropping it now would
    // race with other files' migrations, whose catalog introspection fails on a vanishing schema.
    dispose: () => store.close(),
  };
}

/** Drops every `test_*` schema; call only while no test store is migrating (global setup/teardown). */
export async function dropTestSchemas(connectionString = testDatabaseUrl()): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'test\\_%'",
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
    return rows.length;
  } finally {
    await client.end();
  }
}
