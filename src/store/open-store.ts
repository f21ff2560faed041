import { join } from 'node:path';
import type { SchemaRegistry } from '../scim/index.js';
import { createPostgresStore } from './postgres/postgres-store.js';
import { createSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export type OpenStoreConfig = (
  { readonly dataDir: string } | { readonly databaseUrl: string; readonly schema?: string }
) & {
  /** Schemas deciding unique and indexed attributes; pass the server's registry. Core schemas by default. */
  readonly schemas?: SchemaRegistry;
  /** SQLite: checkpoint the WAL in a worker thread (a long-running server); ignored by PostgreSQL. */
  readonly backgroundCheckpoints?: boolean;
};

/** Alias of {@link OpenStoreConfig}. */
export type StoreConfig = OpenStoreConfig;

/** The SQLite file under a data directory. */
export const SQLITE_FILE_NAME = 'scimsync.db';

/**
 * Opens the configured store and applies pending migrations: SQLite at `<dataDir>/scimsync.db`
 * (the directory is created), or PostgreSQL at `databaseUrl` (optionally in its own schema).
 *
 * @example const store = await openStore({ dataDir: './data' });
 */
export async function openStore(config: OpenStoreConfig): Promise<Store> {
  const schemas = config.schemas === undefined ? {} : { schemas: config.schemas };
  if ('databaseUrl' in config) {
    return createPostgresStore({
      connectionString: config.databaseUrl,
      ...(config.schema === undefined ? {} : { schema: config.schema }),
      ...schemas,
    });
  }
  return createSqliteStore(join(config.dataDir, SQLITE_FILE_NAME), {
    ...schemas,
    ...(config.backgroundCheckpoints === undefined
      ? {}
      : { backgroundCheckpoints: config.backgroundCheckpoints }),
  });
}
