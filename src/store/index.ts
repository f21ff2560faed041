/**
 * Persistence behind interfaces: the {@link Store} contract and its SQLite (better-sqlite3) and
 * PostgreSQL (pg) implementations on Kysely, with migrations and SCIM filter → SQL translation.
 * Test helpers live in `src/store/testing/` (not exported here).
 * @module
 */
export type * from './store.js';
export * from './directory-store.js';
export * from './provisioning-store.js';
export * from './errors.js';
export { openStore, SQLITE_FILE_NAME, type OpenStoreConfig, type StoreConfig } from './open-store.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
