import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TenantService } from '../../server/index.js';
import { createSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-members-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T0 = '2024-01-02T03:04:05.678Z';

function tableSql(file: string): string {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (
      db
        .prepare("select sql from sqlite_schema where type = 'table' and name = 'scim_group_members'")
        .get() as {
        sql: string;
      }
    ).sql;
  } finally {
    db.close();
  }
}

/** Puts the file back to before migration 0006: a rowid table, and 0006 not yet recorded. */
function asBefore0006(file: string): void {
  const db = new BetterSqlite3(file);
  try {
    db.pragma('foreign_keys = OFF');
    db.transaction(() => {
      db.exec(`create table old_members (
        tenant_id text not null, group_id text not null, member_id text not null, member_type text not null, display text,
        constraint scim_group_members_pk primary key (tenant_id, group_id, member_id),
        constraint scim_group_members_group foreign key (tenant_id, group_id) references scim_resources (tenant_id, id) on delete cascade)`);
      db.exec('insert into old_members select * from scim_group_members');
      db.exec('drop table scim_group_members');
      db.exec('alter table old_members rename to scim_group_members');
      db.exec(
        'create index scim_group_members_member on scim_group_members (tenant_id, member_id, group_id)',
      );
      db.exec("delete from kysely_migration where name = '0006-group-members-without-rowid'");
    })();
  } finally {
    db.close();
  }
}

describe('SQLite memberships (migration 0006)', () => {
  it('are a WITHOUT ROWID table in a new store', async () => {
    const file = join(dir, 'new.db');
    await (await createSqliteStore(file)).close();
    expect(tableSql(file)).toMatch(/without rowid/i);
  });

  it('move to the WITHOUT ROWID table with every column, the member index, statistics and the cascade', async () => {
    const file = join(dir, 'upgraded.db');
    let store = await createSqliteStore(file);
    const { tenant } = await new TenantService({ store }).createTenant({ name: 'layout' });
    for (const id of ['u1', 'u2', 'u3'])
      await store.users.insert(tenant.id, { id, data: { userName: id }, created: T0 }, { lastModified: T0 });
    for (const [id, name] of [
      ['g1', 'One'],
      ['g2', 'Two'],
    ] as const) {
      await store.groups.insert(
        tenant.id,
        {
          id,
          data: { displayName: name },
          created: T0,
          members: [
            { value: 'u1', type: 'User', display: 'User One' },
            { value: 'u2', type: 'User' },
            ...(id === 'g2' ? [{ value: 'g1', type: 'Group' as const }] : []),
          ],
        },
        { lastModified: T0 },
      );
    }
    await store.close();
    asBefore0006(file);
    expect(tableSql(file)).not.toMatch(/without rowid/i);

    store = await createSqliteStore(file);
    try {
      expect(tableSql(file)).toMatch(/without rowid/i);
      expect((await store.groups.get(tenant.id, 'g2', { members: true }))?.members).toEqual([
        { value: 'g1', type: 'Group' },
        { value: 'u1', type: 'User', display: 'User One' },
        { value: 'u2', type: 'User' },
      ]);
      expect((await store.users.groupsOf(tenant.id, ['u1'])).get('u1')?.map((g) => g.id)).toEqual([
        'g1',
        'g2',
      ]);
      // The foreign key still cascades: a deleted group takes its memberships with it.
      await store.groups.delete(tenant.id, 'g1');
      expect((await store.users.groupsOf(tenant.id, ['u1'])).get('u1')?.map((g) => g.id)).toEqual(['g2']);
      await expect(
        store.groups.updateMembers(
          tenant.id,
          'g2',
          { add: [{ value: 'u3', type: 'User' }] },
          { lastModified: T0 },
        ),
      ).resolves.toMatchObject({ id: 'g2' });
    } finally {
      await store.close();
    }
    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const indexes = (db.prepare("pragma index_list('scim_group_members')").all() as { name: string }[]).map(
        (i) => i.name,
      );
      expect(indexes).toContain('scim_group_members_member');
      const plan = (
        db
          .prepare(
            "explain query plan select group_id from scim_group_members where tenant_id = 't' and member_id = 'u1'",
          )
          .all() as { detail: string }[]
      )
        .map((r) => r.detail)
        .join('\n');
      expect(plan).toMatch(/scim_group_members_member/);
      const stats = db
        .prepare("select count(*) as n from sqlite_stat1 where tbl = 'scim_group_members'")
        .get();
      expect((stats as { n: number }).n).toBeGreaterThan(0);
      expect(
        db
          .prepare(
            "select count(*) as n from kysely_migration where name = '0006-group-members-without-rowid'",
          )
          .get(),
      ).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });
});
