import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database.js';
import { removeWalDatabases, walDatabase } from '../testing/wal-database.js';
import { SqliteKyselyDialect } from './sqlite-kysely-dialect.js';
import { WalSync } from './wal-sync.js';

type Done = (error: NodeJS.ErrnoException | null) => void;

/** An fsync that completes only when the test says so. */
function manualFsync() {
  const pending: Done[] = [];
  return {
    fsync: (_fd: number, done: Done) => void pending.push(done),
    pending,
    finishAll: () => pending.splice(0).forEach((done) => done(null)),
  };
}

afterEach(removeWalDatabases);

describe('WalSync', () => {
  it('shares one fsync among the callers that arrive while none has started', async () => {
    const { file, sqlite } = walDatabase();
    const disk = manualFsync();
    const wal = new WalSync(`${file}-wal`, { fsync: disk.fsync });
    const first = wal.sync();
    // These arrive while the first fsync runs: it may predate their commits, so one more follows.
    const second = [wal.sync(), wal.sync(), wal.sync()];
    expect(new Set(second).size).toBe(1);
    expect(wal.count).toBe(1);
    let secondDone = false;
    void second[0]!.then(() => (secondDone = true));
    disk.finishAll();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(wal.count).toBe(2);
    expect(secondDone).toBe(false);
    disk.finishAll();
    await Promise.all(second);
    expect(wal.count).toBe(2);
    wal.close();
    sqlite.close();
  });

  it('reports a failed fsync to its callers, and the next call tries again', async () => {
    const { file, sqlite } = walDatabase();
    let fail = true;
    const wal = new WalSync(`${file}-wal`, {
      fsync: (_fd, done) => done(fail ? Object.assign(new Error('EIO'), { code: 'EIO' }) : null),
    });
    await expect(wal.sync()).rejects.toThrow('EIO');
    fail = false;
    await expect(wal.sync()).resolves.toBeUndefined();
    wal.close();
    sqlite.close();
  });
});

describe('SqliteKyselyDialect with a WalSync', () => {
  it('acknowledges a write only after the WAL is synced, and reads without syncing', async () => {
    const { file, sqlite } = walDatabase();
    const disk = manualFsync();
    const wal = new WalSync(`${file}-wal`, { fsync: disk.fsync });
    const db = new Kysely<Database>({ dialect: new SqliteKyselyDialect(sqlite, { walSync: wal }) });
    let acknowledged = 0;
    const writes = [1, 2, 3].map((n) =>
      db
        .insertInto('settings')
        .values({ key: `k${n}`, value: 'v' })
        .execute()
        .then(() => acknowledged++),
    );
    const transaction = db
      .transaction()
      .execute((trx) => trx.insertInto('settings').values({ key: 'k4', value: 'v' }).execute())
      .then(() => acknowledged++);
    // Committed (visible to reads) but not acknowledged until the fsync ends.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toBe(0);
    expect(disk.pending.length).toBeGreaterThan(0);
    const rows = await db.selectFrom('settings').select('key').execute();
    expect(rows).toHaveLength(4);
    while (acknowledged < 4) {
      disk.finishAll();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all([...writes, transaction]);
    // Four commits, far fewer fsyncs: they were grouped.
    expect(wal.count).toBeLessThan(4);
    const before = wal.count;
    await sql`select count(*) from settings`.execute(db);
    expect(wal.count).toBe(before);
    await db.destroy();
    wal.close();
  });
});
