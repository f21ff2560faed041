import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { executeCompiled, registerImmediateReader } from '../base/immediate-reads.js';
import type { Database } from '../database.js';
import { removeWalDatabases, walDatabase } from '../testing/wal-database.js';
import { SqliteKyselyDialect } from './sqlite-kysely-dialect.js';

afterEach(removeWalDatabases);

function setup() {
  const { sqlite } = walDatabase();
  const dialect = new SqliteKyselyDialect(sqlite);
  const db = new Kysely<Database>({ dialect });
  registerImmediateReader(db, dialect.readNow);
  const keys = sql<{ key: string }>`select key from settings order by key`.compile(db);
  const readKeys = async () => (await executeCompiled<{ key: string }>(db, keys)).rows.map((r) => r.key);
  return { db, dialect, keys, readKeys };
}

describe('immediate reads on SQLite', () => {
  it('run at once when the connection is idle, and only for read-only statements', async () => {
    const { db, dialect, keys } = setup();
    await db.insertInto('settings').values({ key: 'a', value: 'v' }).execute();
    expect(dialect.readNow(keys)?.rows).toEqual([{ key: 'a' }]);
    const write = sql`insert into settings (key, value) values ('b', 'v')`.compile(db);
    expect(dialect.readNow(write)).toBeUndefined();
    await db.destroy();
  });

  it('wait for a transaction that holds the connection, and never see its rolled-back writes', async () => {
    const { db, dialect, keys, readKeys } = setup();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const wrote = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('settings').values({ key: 'uncommitted', value: 'v' }).execute();
      inserted();
      await gate;
      throw new Error('roll back');
    });
    await wrote;
    expect(dialect.readNow(keys)).toBeUndefined();
    let read: string[] | undefined;
    const reading = readKeys().then((rows) => (read = rows));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeUndefined();
    release();
    await expect(transaction).rejects.toThrow('roll back');
    await reading;
    expect(read).toEqual([]);
    expect(dialect.readNow(keys)?.rows).toEqual([]);
    await db.destroy();
  });
});
