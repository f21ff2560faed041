import type Database from 'better-sqlite3';
import {
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
import type { ImmediateReader } from '../base/immediate-reads.js';
import { CommitBatcher, type CommitBatcherOptions } from './commit-batcher.js';

/** The outcome of synchronous `work` as a promise (a throw becomes a rejection). */
function settled(work: () => void): Promise<void> {
  return new Promise((resolve) => {
    work();
    resolve();
  });
}

/**
 * Transactions are savepoints in a {@link CommitBatcher}'s shared transaction. Releasing the
 * connection after a write waits until the write's batch is committed and durable, after the
 * connection is free: other requests run (and join the next batch) meanwhile.
 */
class BatchingSqliteDriver extends SqliteDriver {
  readonly #batcher: CommitBatcher;

  /** Holders of the connection, and those queued for it: immediate reads run only when none. */
  #holders = 0;

  constructor(config: SqliteDialectConfig, batcher: CommitBatcher) {
    super(config);
    this.#batcher = batcher;
  }

  /** No one holds the connection or waits for it, so a read now comes in turn and sees only released savepoints. */
  get idle(): boolean {
    return this.#holders === 0;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.#holders++;
    try {
      return await super.acquireConnection();
    } catch (error) {
      this.#holders--;
      throw error;
    }
  }

  override async beginTransaction(): Promise<void> {
    // While writes pause for a WAL restart, the connection goes back to the others meanwhile
    // (reads go on); nothing of this holder's is on it yet.
    for (let paused = this.#batcher.writable(); paused !== undefined; paused = this.#batcher.writable()) {
      this.#holders--;
      await super.releaseConnection();
      await paused;
      await this.acquireConnection();
    }
    this.#batcher.beginWrite();
  }

  override commitTransaction(): Promise<void> {
    return settled(() => this.#batcher.endWrite(true));
  }

  override rollbackTransaction(): Promise<void> {
    return settled(() => this.#batcher.endWrite(false));
  }

  override async releaseConnection(): Promise<void> {
    const durable = this.#batcher.takeHolderWait();
    this.#holders--;
    await super.releaseConnection();
    await durable;
  }

  /** Lets queries already waiting for the connection finish, and commits what they wrote. */
  override async destroy(): Promise<void> {
    await this.acquireConnection();
    try {
      await this.#batcher.close();
      await super.destroy();
    } finally {
      await super.releaseConnection();
    }
  }
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 with prepared statements reused by SQL text (Kysely prepares on every call);
 * a statement that writes (including `INSERT … RETURNING`, which Kysely runs as a reader) first
 * joins the batcher's open transaction.
 */
function cachingDatabase(
  db: Database.Database,
  batcher: CommitBatcher,
): SqliteDatabase & { readonlyStatement(text: string): Database.Statement | undefined } {
  const cache = new Map<string, SqliteStatement>();
  const joining = (statement: Database.Statement): SqliteStatement => ({
    get reader() {
      return statement.reader;
    },
    all(parameters) {
      batcher.beforeWrite();
      return statement.all(parameters);
    },
    iterate(parameters) {
      batcher.beforeWrite();
      return statement.iterate(parameters);
    },
    run(parameters) {
      batcher.beforeWrite();
      return statement.run(parameters);
    },
  });
  const prepare = (text: string): SqliteStatement => {
    let statement = cache.get(text);
    if (statement === undefined) {
      const prepared = db.prepare(text);
      statement = prepared.readonly ? prepared : joining(prepared);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(text, statement);
    }
    return statement;
  };
  return {
    prepare,
    /** The statement when it only reads (the cache holds writers wrapped, readers as prepared). */
    readonlyStatement(text: string): Database.Statement | undefined {
      const statement = prepare(text);
      // Writers are cached wrapped (they join the batch first); only a prepared reader has `readonly`.
      return 'readonly' in statement && statement.readonly ? (statement as Database.Statement) : undefined;
    },
    close(): void {
      cache.clear();
      db.close();
    },
  };
}

export type SqliteKyselyDialectOptions = CommitBatcherOptions;

export class SqliteKyselyDialect implements Dialect {
  readonly #db: Database.Database;
  readonly #options: SqliteKyselyDialectOptions;
  #batcher: CommitBatcher | undefined;
  #driver: BatchingSqliteDriver | undefined;
  #database: ReturnType<typeof cachingDatabase> | undefined;
  constructor(db: Database.Database, options: SqliteKyselyDialectOptions = {}) {
    this.#db = db;
    this.#options = options;
  }
  /** Shared commits made so far (for tests and diagnostics). */
  get commits(): number {
    return this.#batcher?.commits ?? 0;
  }
  createDriver(): Driver {
    const batcher = new CommitBatcher(this.#db, this.#options);
    this.#batcher = batcher;
    this.#database = cachingDatabase(this.#db, batcher);
    this.#driver = new BatchingSqliteDriver({ database: this.#database }, batcher);
    return this.#driver;
  }
  /**
   * Runs a read-only statement now when the connection is idle (see {@link executeCompiled}):
   * synchronous better-sqlite3 needs no connection hand-over when nobody else is using it.
   */
  readonly readNow: ImmediateReader = (query) => {
    if (this.#driver?.idle !== true || !this.#db.open) return undefined;
    const statement = this.#database?.readonlyStatement(query.sql);
    if (statement === undefined || !statement.reader) return undefined;
    return { rows: statement.all(query.parameters) };
  };
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
