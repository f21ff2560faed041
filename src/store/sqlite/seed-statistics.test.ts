import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The engine's matching lookup (`userName eq "…" or …`, 50 values): it must not become an id-ordered walk. */
const LOOKUP = `explain query plan select r.id from scim_resources r where r.tenant_id = 't' and r.resource_type = 'User' and (${Array.from(
  { length: 50 },
  (_, i) => `r.unique_lower = 'u${i}'`,
).join(' or ')}) order by r.id`;

function fill(db: BetterSqlite3.Database): void {
  db.prepare("insert into tenants (id, name, created_at) values ('t', 'T', 'x')").run();
  const insert = db.prepare(
    "insert into scim_resources (tenant_id, resource_type, id, unique_value, unique_lower, created, last_modified, version, data) values ('t', 'User', ?, ?, ?, 'x', 'x', 1, '{}')",
  );
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(`id-${(i * 7919) % 5000}`, `U${i}`, `u${i}`);
  })();
}

describe('SQLite statistics of a store that grew from empty', () => {
  it('are seeded at open so a unique lookup uses its index, not an id-ordered walk of the tenant', async () => {
    const file = join(dir, 'seeded.db');
    const store = await createSqliteStore(file);
    await store.close();
    const db = new BetterSqlite3(file);
    try {
      const stats = db.prepare("select idx, stat from sqlite_stat1 where tbl = 'scim_resources'").all() as {
        idx: string;
        stat: string;
      }[];
      expect(stats.find((s) => s.idx === 'scim_resources_external_id')?.stat).toBe('100000 10000 1000 100');
      fill(db);
      const plan = (db.prepare(LOOKUP).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      expect(plan).toMatch(
        /USING (COVERING )?INDEX sqlite_autoindex_scim_resources_2 \(tenant_id=\? AND resource_type=\? AND unique_lower=\?\)/,
      );
    } finally {
      db.close();
    }
  });

  it('without them the same lookup walks the tenant (what the seeding prevents)', async () => {
    const file = join(dir, 'bare.db');
    const store = await createSqliteStore(file);
    await store.close();
    const db = new BetterSqlite3(file);
    try {
      db.exec('delete from sqlite_stat1');
      db.exec('analyze sqlite_schema');
      db.close();
      const reopened = new BetterSqlite3(file);
      fill(reopened);
      const plan = (reopened.prepare(LOOKUP).all() as { detail: string }[]).map((r) => r.detail).join('\n');
      reopened.close();
      expect(plan).not.toMatch(/unique_lower=\?/);
    } finally {
      if (db.open) db.close();
    }
  });
});

describe('a page of live directory users in a store imported without statistics', () => {
  const PAGE = `explain query plan select * from dir_users where deleted_at is null and id > 'u0100' order by id limit 501`;

  function fillUsers(db: BetterSqlite3.Database): void {
    const insert = db.prepare(
      "insert into dir_users (id, upn_lower, attributes, account_enabled, created, version) values (?, ?, '{}', 1, 'x', 1)",
    );
    db.transaction(() => {
      for (let i = 0; i < 5000; i++)
        insert.run(`u${String((i * 7919) % 5000).padStart(4, '0')}`, `user${i}@x`);
    })();
  }

  function planOf(file: string, prepare: (db: BetterSqlite3.Database) => void): string {
    const db = new BetterSqlite3(file);
    try {
      prepare(db);
      fillUsers(db);
      return (db.prepare(PAGE).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    } finally {
      db.close();
    }
  }

  it('reads an id range in order and stops at the limit (no sort of every live user)', async () => {
    const file = join(dir, 'directory.db');
    await (await createSqliteStore(file)).close();
    const plan = planOf(file, () => undefined);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(plan).toMatch(/\(deleted_at=\? AND id>\?\)|\(id>\?\)/);
  });

  it('sorted every live user with the index before migration 0005 (what it prevents)', async () => {
    const file = join(dir, 'directory-old-index.db');
    await (await createSqliteStore(file)).close();
    const plan = planOf(file, (db) => {
      db.exec('drop index dir_users_live');
      db.exec('create index dir_users_deleted on dir_users (deleted_at)');
    });
    expect(plan).toMatch(/USE TEMP B-TREE FOR ORDER BY/);
  });
});

describe('a table filled by a process that never analyzed it', () => {
  it('gets sampled statistics the next time the store opens', async () => {
    const file = join(dir, 'imported.db');
    await (await createSqliteStore(file)).close();
    const raw = new BetterSqlite3(file);
    const insert = raw.prepare(
      "insert into dir_users (id, upn_lower, attributes, account_enabled, created, version) values (?, ?, '{}', 1, 'x', 1)",
    );
    raw.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`u${i}`, `user${i}@x`);
    })();
    expect(raw.prepare("select count(*) as n from sqlite_stat1 where tbl = 'dir_users'").get()).toEqual({
      n: 0,
    });
    raw.close();
    await (await createSqliteStore(file)).close();
    const reopened = new BetterSqlite3(file, { readonly: true });
    try {
      const stats = reopened.prepare("select idx, stat from sqlite_stat1 where tbl = 'dir_users'").all() as {
        idx: string;
        stat: string;
      }[];
      expect(stats.find((s) => s.idx === 'dir_users_live')?.stat).toMatch(/^3000 /);
    } finally {
      reopened.close();
    }
  });
});
