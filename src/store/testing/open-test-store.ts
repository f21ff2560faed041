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
  const schema = `test_${testRunId()}_${randomBytes(5).toString('hex')}`;
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

/** Names this run's schemas; set by test/global-setup.ts so concurrent runs never drop each other's. */
export const TEST_RUN_ID_ENV = 'SCIMSYNC_TEST_RUN_ID';

/** `<base36 seconds><random>`: the time lets a later run recognise schemas left by a crashed one. */
export function newTestRunId(now = Date.now()): string {
  return `${Math.floor(now / 1000).toString(36)}${randomBytes(3).toString('hex')}`;
}

function testRunId(): string {
  return process.env[TEST_RUN_ID_ENV] ?? 'norun';
}

/**
 * Drops this run's `test_<run>_*` schemas, and those of runs started more than `staleAfterMs`
 * ago (left by crashed runs); call only while none of this run's stores is migrating.
 */
export async function dropTestSchemas(
  options: { runId?: string; staleAfterMs?: number; connectionString?: string } = {},
): Promise<number> {
  const client = new pg.Client({ connectionString: options.connectionString ?? testDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'test\\_%'",
    );
    const staleBefore = Date.now() - (options.staleAfterMs ?? 6 * 3600_000);
    const doomed = rows
      .map((r) => r.nspname)
      .filter((name) => {
        const run = name.split('_')[1] ?? '';
        if (options.runId !== undefined && run === options.runId) return true;
        const started = parseInt(run.slice(0, 6), 36) * 1000;
        return Number.isNaN(started) || run.length < 7 || started < staleBefore;
      });
    for (const name of doomed) await client.query(`drop schema if exists "${name}" cascade`);
    return doomed.length;
  } finally {
    await client.end();
  }
}
