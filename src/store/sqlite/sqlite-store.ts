import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { SchemaRegistry, type JsonObject } from '../../scim/index.js';
import { KyselyStore } from '../base/kysely-store.js';
import { registerImmediateReader } from '../base/immediate-reads.js';
import type { StoreDialect } from '../base/store-dialect.js';
import type { Database } from '../database.js';
import type { Store } from '../store.js';
import { classifySqliteError } from './sqlite-errors.js';
import { SqliteFilterSqlCompiler } from './sqlite-filter-sql-compiler.js';
import { SqliteKyselyDialect } from './sqlite-kysely-dialect.js';
import { seedStatistics } from './seed-statistics.js';
import { WalSync } from './wal-sync.js';
import { BackgroundCheckpointer } from './background-checkpointer.js';

export interface SqliteStoreOptions {
  /** Schemas deciding unique and indexed attributes; the core schemas by default. */
  readonly schemas?: SchemaRegistry;
  /**
   * Run WAL checkpoints in a worker thread instead of in the writes' commits (see
   * {@link BackgroundCheckpointer}): for a long-running server under write load. Off by default,
   * so short-lived processes (the CLI, tests) start no thread.
   */
  readonly backgroundCheckpoints?: boolean;
}

export const SQLITE_STORE_DIALECT: StoreDialect = Object.freeze({
  capabilities: Object.freeze({ engine: 'sqlite', supportsSkipLocked: false, concurrentWriters: false }),
  maxParameters: 32_766,
  lockRowsForUpdate: false,
  indexesRewrittenWhenSet: true,
  encodeJson: (value: JsonObject) => JSON.stringify(value),
  decodeJson: (value: unknown) => JSON.parse(value as string) as JsonObject,
  encodeBoolean: (value: boolean | null) => (value === null ? null : value ? 1 : 0),
  classifyError: classifySqliteError,
  createFilterCompiler: (options) => new SqliteFilterSqlCompiler(options),
} satisfies StoreDialect);

/**
 * How often `PRAGMA optimize` runs. It re-analyzes only tables whose size changed a lot since
 * their last analysis (and is a no-op otherwise), so running it every minute is cheap, while an
 * hourly run left a store that grew from empty to 100,000 users with no statistics for up to an
 * hour: the planner then walked the whole table for `userName eq` lists (76 ms at 24,500 users).
 */
const OPTIMIZE_EVERY_MS = 60 * 1000;

/** SQLite's own automatic checkpoint interval (its default), in WAL pages. */
const AUTOCHECKPOINT_PAGES = 1000;
/**
 * With background checkpoints the main connection checkpoints only past this WAL size (1 GiB of
 * 4 KiB pages): a backstop for a WAL that cannot restart (another process holding a read open).
 */
const BACKSTOP_CHECKPOINT_PAGES = 262_144;
const CHECKPOINT_EVERY_COMMITS = 8;
/** After a restart the WAL file is truncated back to this size (64 MiB). */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens (creating when absent) a SQLite store and applies migrations. Writes are durable on
 * disk when they return: concurrent writes share one transaction (CommitBatcher, each a
 * savepoint), WAL with synchronous=NORMAL commits it without an fsync on the event loop, and
 * {@link WalSync} fdatasyncs the WAL from the thread pool before any of them is acknowledged.
 * Reads by other requests may see a write a moment before it is durable (they do not wait for
 * it). With `backgroundCheckpoints` a worker thread copies the WAL into the database.
 * `busy_timeout` queues writers of other processes (CLI next to a running server).
 *
 * @example const store = await createSqliteStore('./data/scimsync.db');
 */
export async function createSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('analysis_limit = 1000');
    // JavaScript's case folding, so SQL agrees with the in-memory evaluator beyond ASCII.
    sqlite.function('scim_lower', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? value.toLowerCase() : value,
    );
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const onDisk = file !== ':memory:';
  const walSync = onDisk ? new WalSync(`${file}-wal`) : undefined;
  const checkpointer =
    onDisk && options.backgroundCheckpoints === true
      ? new BackgroundCheckpointer(file, () => sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`))
      : undefined;
  if (checkpointer !== undefined) {
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_CHECKPOINT_PAGES}`);
    sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  }
  let commits = 0;
  const dialect = new SqliteKyselyDialect(sqlite, {
    walSync,
    afterCommit:
      checkpointer === undefined
        ? undefined
        : // Every 8th commit: waking the worker cost more than its checkpoint of one commit's pages.
          () => void (++commits % CHECKPOINT_EVERY_COMMITS === 0 && checkpointer.request()),
    walRestart: checkpointer,
  });
  const db = new Kysely<Database>({ dialect });
  registerImmediateReader(db, dialect.readNow);
  // Without table statistics SQLite's planner guesses, and guesses wrong at scale (it scanned a
  // tenant's every user for an indexed `emails.value eq` count). `PRAGMA optimize` keeps the
  // statistics current as SQLite recommends: at open, every minute, and at close; analysis_limit
  // bounds each ANALYZE to a sample so a big table never stalls the event loop.
  const optimize = setInterval(() => sqlite.pragma('optimize'), OPTIMIZE_EVERY_MS);
  optimize.unref();
  const store = new KyselyStore(
    db,
    SQLITE_STORE_DIALECT,
    options.schemas ?? SchemaRegistry.withCoreSchemas(),
    async () => {
      clearInterval(optimize);
      if (sqlite.open && !sqlite.readonly) sqlite.pragma('optimize');
      await db.destroy();
      walSync?.close();
      await checkpointer?.close();
    },
  );
  try {
    await store.migrate();
    sqlite.pragma('optimize=0x10002');
    seedStatistics(sqlite);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
