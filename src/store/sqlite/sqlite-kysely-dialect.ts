import type Database from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDriver,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type SqliteStatement,
} from 'kysely';
import type { WalSync } from './wal-sync.js';

/** Whether a write was committed since the last release of the connection. */
interface CommitTracker {
  committed: boolean;
}

/**
 * `BEGIN IMMEDIATE`: a transaction takes the write lock up front, so two processes never both
 * read and then fail to upgrade (SQLITE_BUSY without waiting); busy_timeout then queues writers.
 * With a {@link WalSync}, releasing the connection after a commit waits until the commit is on
 * disk, after the connection is free: other requests run (and commit) during the fsync.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  readonly #tracker: CommitTracker;
  readonly #walSync: WalSync | undefined;

  constructor(config: SqliteDialectConfig, tracker: CommitTracker, walSync: WalSync | undefined) {
    super(config);
    this.#tracker = tracker;
    this.#walSync = walSync;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    if (this.#walSync === undefined || !this.#tracker.committed) return;
    this.#tracker.committed = false;
    await this.#walSync.sync();
  }
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 with prepared statements reused by SQL text (Kysely prepares on every call);
 * notes in `tracker` each write that leaves no transaction open, i.e. that committed.
 */
function cachingDatabase(db: Database.Database, tracker: CommitTracker): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  const tracking = (statement: Database.Statement): SqliteStatement => ({
    get reader() {
      return statement.reader;
    },
    all: (parameters) => statement.all(parameters),
    iterate: (parameters) => statement.iterate(parameters),
    run(parameters) {
      const result = statement.run(parameters);
      if (!db.inTransaction) tracker.committed = true;
      return result;
    },
  });
  return {
    prepare(text: string): SqliteStatement {
      let statement = cache.get(text);
      if (statement === undefined) {
        const prepared = db.prepare(text);
        statement = prepared.reader ? prepared : tracking(prepared);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
        cache.set(text, statement);
      }
      return statement;
    },
    close(): void {
      cache.clear();
      db.close();
    },
  };
}

export interface SqliteKyselyDialectOptions {
  /** Acknowledge writes only once on disk (group commit); without it, writes return at commit. */
  readonly walSync?: WalSync;
}

export class SqliteKyselyDialect implements Dialect {
  readonly #db: Database.Database;
  readonly #walSync: WalSync | undefined;
  constructor(db: Database.Database, options: SqliteKyselyDialectOptions = {}) {
    this.#db = db;
    this.#walSync = options.walSync;
  }
  createDriver(): Driver {
    const tracker: CommitTracker = { committed: false };
    return new ImmediateSqliteDriver(
      { database: cachingDatabase(this.#db, tracker) },
      tracker,
      this.#walSync,
    );
  }
  createQueryCompiler(): SqliteQueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): SqliteAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<unknown>): SqliteIntrospector {
    return new SqliteIntrospector(db);
  }
}
