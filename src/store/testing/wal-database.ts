import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const dirs: string[] = [];

/**
 * A SQLite file in WAL mode with synchronous=NORMAL (as the store opens it) and a `settings`
 * table, in a fresh temporary directory; {@link removeWalDatabases} deletes them after each test.
 */
export function walDatabase(): { file: string; sqlite: BetterSqlite3.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'scimsync-wal-'));
  dirs.push(dir);
  const file = join(dir, 'test.db');
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('create table settings (key text primary key, value text not null)');
  return { file, sqlite };
}

export function removeWalDatabases(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
