import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { removeWalDatabases, walDatabase } from '../testing/wal-database.js';
import { BackgroundCheckpointer } from './background-checkpointer.js';
import { MAX_PAUSE_MS } from './commit-batcher.js';
import { SqliteKyselyDialect } from './sqlite-kysely-dialect.js';
import { WalSync } from './wal-sync.js';

type Done = (error: NodeJS.ErrnoException | null) => void;

afterEach(removeWalDatabases);

/** What another connection (another process) sees: only committed rows. */
function committedKeys(file: string): string[] {
  const other = new BetterSqlite3(file, { readonly: true });
  try {
    return (other.prepare('select key from settings order by key').all() as { key: string }[]).map(
      (r) => r.key,
    );
  } finally {
    other.close();
  }
}

/** Waits (polling, at most 5 s) until `condition` holds: under load a fixed sleep is too short. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const insert = (db: Kysely<Database>, key: string) =>
  db.insertInto('settings').values({ key, value: 'v' }).execute();

describe('SQLite writes share commits (CommitBatcher)', () => {
  it('commits the writes of one event-loop turn together, and a failing writer undoes only its own', async () => {
    const { file, sqlite } = walDatabase();
    const dialect = new SqliteKyselyDialect(sqlite);
    const db = new Kysely<Database>({ dialect });
    await insert(db, 'taken');
    const before = dialect.commits;
    const results = await Promise.allSettled([
      insert(db, 'a'),
      db.transaction().execute(async (trx) => {
        await insert(trx, 'b1');
        await insert(trx, 'b2');
      }),
      // Fails after writing b3: its savepoint is rolled back, b3 disappears with it.
      db.transaction().execute(async (trx) => {
        await insert(trx, 'b3');
        await insert(trx, 'taken');
      }),
      // A single statement failing on its own (statement rollback) inside the shared transaction.
      insert(db, 'taken'),
      insert(db, 'c'),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
      'fulfilled',
    ]);
    expect(dialect.commits - before).toBe(1);
    expect(committedKeys(file)).toEqual(['a', 'b1', 'b2', 'c', 'taken']);
    await db.destroy();
  });

  it('keeps the next batch open while an fsync runs and commits it when the fsync ends', async () => {
    const { file, sqlite } = walDatabase();
    const pending: Done[] = [];
    const wal = new WalSync(`${file}-wal`, { fsync: (_fd, done) => void pending.push(done) });
    const dialect = new SqliteKyselyDialect(sqlite, { walSync: wal });
    const db = new Kysely<Database>({ dialect });
    const first = insert(db, 'first');
    await until(() => pending.length === 1);
    expect(dialect.commits).toBe(1);
    // Arriving during the fsync: written to the open transaction, not committed yet.
    const later = [insert(db, 'later1'), insert(db, 'later2')];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(dialect.commits).toBe(1);
    expect(committedKeys(file)).toEqual(['first']);
    pending.shift()!(null);
    await first;
    // The fsync ended: the batch committed and its own fsync started.
    await until(() => pending.length === 1);
    expect(dialect.commits).toBe(2);
    expect(committedKeys(file)).toEqual(['first', 'later1', 'later2']);
    let acknowledged = false;
    void Promise.all(later).then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(acknowledged).toBe(false);
    pending.shift()!(null);
    await Promise.all(later);
    await db.destroy();
    wal.close();
  });

  it('fails the writers of a batch whose commit fails, and the next batch works', async () => {
    const { file, sqlite } = walDatabase();
    let fail = true;
    const wal = new WalSync(`${file}-wal`, {
      fsync: (_fd, done) => done(fail ? Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }) : null),
    });
    const db = new Kysely<Database>({ dialect: new SqliteKyselyDialect(sqlite, { walSync: wal }) });
    await expect(insert(db, 'a')).rejects.toThrow('EIO');
    fail = false;
    await insert(db, 'b');
    expect(committedKeys(file)).toEqual(['a', 'b']);
    await db.destroy();
    wal.close();
  });

  it('commits what is open when the database closes', async () => {
    const { file, sqlite } = walDatabase();
    const db = new Kysely<Database>({ dialect: new SqliteKyselyDialect(sqlite) });
    await insert(db, 'a');
    const write = insert(db, 'b');
    await db.destroy();
    await write;
    expect(committedKeys(file)).toEqual(['a', 'b']);
  });

  it('joins writes that Kysely runs as reads (INSERT … RETURNING) to the batch', async () => {
    const { file, sqlite } = walDatabase();
    const pending: Done[] = [];
    const wal = new WalSync(`${file}-wal`, { fsync: (_fd, done) => void pending.push(done) });
    const db = new Kysely<Database>({ dialect: new SqliteKyselyDialect(sqlite, { walSync: wal }) });
    let acknowledged = false;
    const write = db
      .insertInto('settings')
      .values({ key: 'r', value: 'v' })
      .returning('key')
      .execute()
      .then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(acknowledged).toBe(false);
    pending.shift()!(null);
    await write;
    expect(committedKeys(file)).toEqual(['r']);
    await db.destroy();
    wal.close();
  });
});

describe('WAL restarts under sustained writes', () => {
  it('holds new transactions while the WAL drains, lets reads through, and never waits past the bound', async () => {
    const { sqlite } = walDatabase();
    let wanted = true;
    let finishDrain: (() => void) | undefined;
    let drains = 0;
    const dialect = new SqliteKyselyDialect(sqlite, {
      walRestart: {
        wantsRestart: () => wanted,
        drain: () => {
          drains++;
          return new Promise<void>((resolve) => (finishDrain = resolve));
        },
      },
    });
    const db = new Kysely<Database>({ dialect });
    await insert(db, 'a'); // its commit finds the WAL too big: writes pause
    expect(drains).toBe(1);
    let held = true;
    const transaction = db
      .transaction()
      .execute((trx) => insert(trx, 'b'))
      .then(() => (held = false));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(held).toBe(true);
    expect((await db.selectFrom('settings').select('key').execute()).map((r) => r.key)).toEqual(['a']);
    finishDrain!();
    await transaction;
    // A drain that never ends holds writes for MAX_PAUSE_MS at most (and pauses are a second apart).
    wanted = true;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await insert(db, 'c');
    expect(drains).toBe(2);
    const started = Date.now();
    await db.transaction().execute((trx) => insert(trx, 'd'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_PAUSE_MS - 10);
    wanted = false;
    await db.destroy();
  });

  it('keeps the WAL bounded while a background checkpointer copies it and writes never stop', async () => {
    const { file, sqlite } = walDatabase();
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpointer = new BackgroundCheckpointer(file, () => undefined, { restartFrames: 200 });
    const db = new Kysely<Database>({
      dialect: new SqliteKyselyDialect(sqlite, {
        afterCommit: () => checkpointer.request(),
        walRestart: checkpointer,
        minPauseIntervalMs: 0,
      }),
    });
    await checkpointer.drain(); // the worker thread is up before the writes start
    let restarts = 0;
    let previous = 0;
    // Eight writers at once for 6,000 rows of 2 KB: about 3,200 pages (13 MB) of WAL without restarts.
    for (let round = 0; round < 750; round++) {
      await Promise.all(
        Array.from({ length: 8 }, (_, w) =>
          db.transaction().execute((trx) =>
            trx
              .insertInto('settings')
              .values({ key: `k${round}-${w}`, value: 'x'.repeat(2_000) })
              .execute(),
          ),
        ),
      );
      const frames = checkpointer.stats.walFrames;
      if (frames < previous) restarts++;
      previous = frames;
    }
    const rows = await db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(rows?.n)).toBe(6_000);
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(statSync(`${file}-wal`).size).toBeLessThan(8 * 1024 * 1024);
    await db.destroy();
    await checkpointer.close();
  });
});
