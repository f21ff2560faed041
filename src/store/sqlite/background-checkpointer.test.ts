import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../open-store.js';
import { createSqliteStore } from './sqlite-store.js';
import { BackgroundCheckpointer } from './background-checkpointer.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scimsync-checkpoint-'));
  dirs.push(dir);
  return dir;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('BackgroundCheckpointer', () => {
  it('copies the WAL into the database from its thread while the main connection never checkpoints', async () => {
    const file = join(tempDir(), 'test.db');
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('wal_autocheckpoint = 0');
    sqlite.exec('create table t (id integer primary key, body text not null)');
    const insert = sqlite.prepare('insert into t (body) values (?)');
    for (let i = 0; i < 500; i++) insert.run('x'.repeat(2000));
    const sizeBefore = statSync(file).size;
    let failed = false;
    const checkpointer = new BackgroundCheckpointer(file, () => (failed = true));
    checkpointer.request();
    checkpointer.request(); // while one runs: exactly one more, not one per call
    await until(() => checkpointer.stats.runs === 2, 'two checkpoint runs');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(checkpointer.stats.runs).toBe(2);
    expect(checkpointer.stats.walFrames).toBeGreaterThan(250);
    expect(checkpointer.stats.checkpointedFrames).toBe(checkpointer.stats.walFrames);
    // The rows reached the database file itself.
    expect(statSync(file).size).toBeGreaterThan(sizeBefore + 500 * 2000);
    expect(failed).toBe(false);
    await checkpointer.close();
    sqlite.close();
  });

  it('reports a worker that cannot work, so the main connection takes checkpoints back', async () => {
    const file = join(tempDir(), 'not-a-database.db');
    writeFileSync(file, 'this is not a SQLite database, it is plain text that is long enough to be read');
    let failures = 0;
    const checkpointer = new BackgroundCheckpointer(file, () => failures++);
    checkpointer.request();
    await until(() => checkpointer.stats.failure !== undefined, 'the failure');
    expect(checkpointer.stats.failure).toMatch(/not a database/);
    checkpointer.request(); // ignored once failed
    expect(failures).toBe(1);
    await checkpointer.close();
  });

  it('serves a store: writes survive a close and reopen, and no thread outlives the store', async () => {
    const dir = tempDir();
    const file = join(dir, SQLITE_FILE_NAME);
    const store = await createSqliteStore(file, { backgroundCheckpoints: true });
    for (let i = 0; i < 200; i++) await store.settings.set(`key${i}`, 'v'.repeat(3000));
    await store.close();
    const reopened = await createSqliteStore(file);
    expect(await reopened.settings.get('key199')).toBe('v'.repeat(3000));
    await reopened.close();
  });
});
