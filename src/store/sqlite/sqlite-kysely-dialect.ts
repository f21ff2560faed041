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
  type SqliteStatement,
} from 'kysely';

/**
 * `BEGIN IMMEDIATE`: a transaction takes the write lock up front, so two processes never both
 * read and then fail to upgrade (SQLITE_BUSY without waiting); busy_timeout then queues writers.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

const STATEMENT_CACHE_SIZE = 256;

/** better-sqlite3 with prepared statements reused by SQL text (Kysely prepares on every call). */
function cachingDatabase(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(text: string): SqliteStatement {
      let statement = cache.get(text);
      if (statement === undefined) {
        statement = db.prepare(text);
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

export class SqliteKyselyDialect implements Dialect {
  readonly #db: Database.Database;
  constructor(db: Database.Database) {
    this.#db = db;
  }
  createDriver(): Driver {
    return new ImmediateSqliteDriver({ database: cachingDatabase(this.#db) });
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
