import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { SchemaRegistry, type JsonObject } from '../../scim/index.js';
import { KyselyStore } from '../base/kysely-store.js';
import type { StoreDialect } from '../base/store-dialect.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { classifyPostgresError } from './postgres-errors.js';
import { PostgresFilterSqlCompiler } from './postgres-filter-sql-compiler.js';
import { nameStatement, PIPELINED_CLIENTS, prepareClient } from './postgres-statements.js';
import { insertResourceAtomically, updateMembersAtomically } from './postgres-atomic-writes.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** A schema of its own (created when absent); `public` by default. */
  readonly schema?: string;
  /** Pool size; 10 by default. */
  readonly maxConnections?: number;
  /** Schemas deciding unique and indexed attributes; the core schemas by default. */
  readonly schemas?: SchemaRegistry;
}

export const POSTGRES_STORE_DIALECT: StoreDialect = Object.freeze({
  capabilities: Object.freeze({ engine: 'postgres', supportsSkipLocked: true, concurrentWriters: true }),
  maxParameters: 65_535,
  lockRowsForUpdate: true,
  indexesRewrittenWhenSet: false,
  // pg serialises objects bound to jsonb columns with JSON.stringify and parses jsonb on read.
  encodeJson: (value: JsonObject) => JSON.stringify(value),
  decodeJson: (value: unknown) => value as JsonObject,
  encodeBoolean: (value: boolean | null) => value,
  classifyError: classifyPostgresError,
  createFilterCompiler: (options) => new PostgresFilterSqlCompiler(options),
  hotStatement: nameStatement,
  updateMembersAtomically,
  insertResourceAtomically,
} satisfies StoreDialect);

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Connects a pool to PostgreSQL, creates the schema when asked for one, and applies migrations.
 * Every pooled connection has `search_path` set to the schema, so table names stay unqualified.
 *
 * @example const store = await createPostgresStore({ connectionString: 'postgres://localhost/scimsync' });
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new TypeError(`"${schema}" is not a valid schema name (lower-case letters, digits, _)`);
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    ...PIPELINED_CLIENTS,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle client dies when the server restarts or terminates it; the pool drops it and the next
  // query reconnects. Without a listener that 'error' event would crash the process.
  pool.on('error', () => undefined);
  pool.on('connect', prepareClient);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const store = new KyselyStore(
    db,
    POSTGRES_STORE_DIALECT,
    options.schemas ?? SchemaRegistry.withCoreSchemas(),
    () => db.destroy(),
    schema ?? 'public',
  );
  try {
    if (schema !== undefined) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    await store.migrate();
    // Fresh statistics at start: until autovacuum's first analyze, the planner takes a big
    // table for an empty one and drives indexed lookups from the wrong side (seen with 100k users).
    await sql`analyze scim_resources, scim_multi_values, scim_group_members, dir_users, dir_groups, dir_group_members, dir_assignments, dir_changes`.execute(
      db,
    );
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
