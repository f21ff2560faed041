import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAttributePath, parseFilter, SchemaRegistry } from '../../scim/index.js';
import {
  InvalidPosition,
  NotFound,
  UniquenessConflict,
  UnsupportedQuery,
  VersionConflict,
} from '../errors.js';
import type { GroupMember, Store } from '../store.js';
import { openTestStore, type TestStore } from './open-test-store.js';
import type { TestEngine } from './test-engines.js';

const registry = SchemaRegistry.withCoreSchemas();
const userSchema = registry.resourceSchema('User');
const groupSchema = registry.resourceSchema('Group');
const T0 = '2024-01-02T03:04:05.678Z';
const T1 = '2024-01-03T00:00:00.000Z';

let tenantCounter = 0;

async function newTenant(store: Store, verifiedDomains: string[] = []): Promise<string> {
  const id = `tenant-${++tenantCounter}`;
  await store.tenants.create({ id, name: `Tenant ${tenantCounter}`, createdAt: T0, verifiedDomains });
  return id;
}

function user(
  store: Store,
  tenantId: string,
  id: string,
  userName: string,
  extra: Record<string, unknown> = {},
) {
  return store.users.insert(
    tenantId,
    { id, data: { userName, ...extra }, created: T0 },
    { lastModified: T0 },
  );
}

function group(store: Store, tenantId: string, id: string, displayName: string, members: GroupMember[] = []) {
  return store.groups.insert(
    tenantId,
    { id, data: { displayName }, created: T0, members },
    { lastModified: T0 },
  );
}

const member = (value: string): GroupMember => ({ value, type: 'User', display: `d-${value}` });

/**
 * The behaviour every Store must have, run against a fresh store of `engine`. Engine test
 * files call it; kysely's `for (const dialect of DIALECTS)` in spirit.
 */
export function runStoreContract(engine: TestEngine): void {
  describe(`Store contract (${engine})`, () => {
    let test: TestStore;
    let store: Store;
    beforeAll(async () => {
      test = await openTestStore(engine);
      store = test.store;
    });
    afterAll(async () => {
      await test.dispose();
    });

    it('declares its engine and migrates idempotently', async () => {
      expect(store.capabilities.engine).toBe(engine);
      await store.migrate();
    });

    describe('tenants', () => {
      it('creates, reads, lists and deletes with lower-cased sorted domains', async () => {
        const id = await newTenant(store, ['B.example', 'a.example', 'b.example']);
        expect(await store.tenants.get(id)).toEqual({
          id,
          name: `Tenant ${tenantCounter}`,
          createdAt: T0,
          verifiedDomains: ['a.example', 'b.example'],
        });
        expect((await store.tenants.list()).map((t) => t.id)).toContain(id);
        await store.tenants.addDomain(id, 'C.example');
        await store.tenants.addDomain(id, 'c.example');
        expect((await store.tenants.get(id))?.verifiedDomains).toEqual([
          'a.example',
          'b.example',
          'c.example',
        ]);
        expect(await store.tenants.removeDomain(id, 'A.EXAMPLE')).toBe(true);
        expect(await store.tenants.removeDomain(id, 'a.example')).toBe(false);
        expect(await store.tenants.delete(id)).toBe(true);
        expect(await store.tenants.get(id)).toBeUndefined();
        expect(await store.tenants.delete(id)).toBe(false);
      });

      it('rejects a duplicate id and domains of a missing tenant', async () => {
        const id = await newTenant(store);
        await expect(
          store.tenants.create({ id, name: 'x', createdAt: T0, verifiedDomains: [] }),
        ).rejects.toBeInstanceOf(UniquenessConflict);
        await expect(store.tenants.addDomain('no-such-tenant', 'x.example')).rejects.toBeInstanceOf(NotFound);
      });

      it('deleting a tenant deletes everything it owns', async () => {
        const id = await newTenant(store);
        await user(store, id, 'u1', 'alice', { emails: [{ value: 'a@x.example' }] });
        await group(store, id, 'g1', 'G', [member('u1')]);
        await store.apiKeys.create({
          id: `${id}-k`,
          tenantId: id,
          name: 'k',
          secretHash: 'h',
          createdAt: T0,
          expiresAt: T1,
        });
        await store.audit.append({ tenantId: id, at: T0, actor: 'admin', action: 'tenant.create' });
        expect(await store.tenants.delete(id)).toBe(true);
        expect(await store.apiKeys.get(`${id}-k`)).toBeUndefined();
        await newTenantWithId(store, id);
        expect(await store.users.get(id, 'u1')).toBeUndefined();
        expect(await store.groups.get(id, 'g1', { members: true })).toBeUndefined();
        expect(await store.audit.list(id, { limit: 10 })).toEqual([]);
      });
    });

    describe('API keys, audit, settings', () => {
      it('creates, lists, revokes once and touches keys', async () => {
        const tenantId = await newTenant(store);
        const key = {
          id: `${tenantId}-k1`,
          tenantId,
          name: 'ci',
          secretHash: 'ab',
          createdAt: T0,
          expiresAt: T1,
        };
        expect(await store.apiKeys.create(key)).toEqual({
          ...key,
          revokedAt: undefined,
          lastUsedAt: undefined,
        });
        await expect(store.apiKeys.create(key)).rejects.toBeInstanceOf(UniquenessConflict);
        await expect(store.apiKeys.create({ ...key, id: 'k-x', tenantId: 'missing' })).rejects.toBeInstanceOf(
          NotFound,
        );
        await store.apiKeys.touch(key.id, T1);
        expect((await store.apiKeys.get(key.id))?.lastUsedAt).toBe(T1);
        expect(await store.apiKeys.revoke('other-tenant', key.id, T1)).toBe(false);
        expect(await store.apiKeys.revoke(tenantId, key.id, T1)).toBe(true);
        expect(await store.apiKeys.revoke(tenantId, key.id, T1)).toBe(false);
        expect((await store.apiKeys.listForTenant(tenantId)).map((k) => k.revokedAt)).toEqual([T1]);
      });

      it('lists audit entries newest first with paging', async () => {
        const tenantId = await newTenant(store);
        for (let i = 0; i < 5; i++) {
          await store.audit.append({
            tenantId,
            at: T0,
            actor: 'key:k',
            action: `a${i}`,
            resourceType: 'User',
            resourceId: `u${i}`,
            detail: { i },
          });
        }
        const first = await store.audit.list(tenantId, { limit: 2 });
        expect(first.map((e) => e.action)).toEqual(['a4', 'a3']);
        expect(first[0]).toMatchObject({ resourceType: 'User', resourceId: 'u4', detail: { i: 4 } });
        const next = await store.audit.list(tenantId, { limit: 10, before: first[1]!.sequence });
        expect(next.map((e) => e.action)).toEqual(['a2', 'a1', 'a0']);
      });

      it('stores settings, setIfAbsent keeping the first value', async () => {
        expect(await store.settings.get('k')).toBeUndefined();
        expect(await store.settings.setIfAbsent('k', 'one')).toBe('one');
        expect(await store.settings.setIfAbsent('k', 'two')).toBe('one');
        await store.settings.set('k', 'three');
        expect(await store.settings.get('k')).toBe('three');
      });
    });

    describe('users', () => {
      it('inserts, reads, replaces with version CAS and deletes', async () => {
        const tenantId = await newTenant(store);
        const inserted = await user(store, tenantId, 'u1', 'Alice', { name: { givenName: 'A' } });
        expect(inserted).toMatchObject({
          id: 'u1',
          resourceType: 'User',
          version: 1,
          created: T0,
          lastModified: T0,
        });
        expect(await store.users.get(tenantId, 'u1')).toEqual(inserted);
        expect(await store.users.get('other', 'u1')).toBeUndefined();
        const replaced = await store.users.replace(
          tenantId,
          'u1',
          { userName: 'alice2' },
          { expectedVersion: 1, lastModified: T1 },
        );
        expect(replaced).toMatchObject({
          version: 2,
          lastModified: T1,
          created: T0,
          data: { userName: 'alice2' },
        });
        await expect(
          store.users.replace(tenantId, 'u1', { userName: 'x' }, { expectedVersion: 1, lastModified: T1 }),
        ).rejects.toEqual(new VersionConflict(1, 2));
        await expect(
          store.users.replace(tenantId, 'nope', { userName: 'x' }, { lastModified: T1 }),
        ).rejects.toBeInstanceOf(NotFound);
        await expect(store.users.delete(tenantId, 'u1', { expectedVersion: 1 })).rejects.toBeInstanceOf(
          VersionConflict,
        );
        expect(await store.users.delete(tenantId, 'u1', { expectedVersion: 2 })).toBe(true);
        expect(await store.users.delete(tenantId, 'u1')).toBe(false);
        expect(await store.users.get(tenantId, 'u1')).toBeUndefined();
      });

      it('keeps userName unique case-insensitively, naming the attribute', async () => {
        const tenantId = await newTenant(store);
        await user(store, tenantId, 'u1', 'Bob');
        await user(store, tenantId, 'u2', 'carol');
        const conflict = await user(store, tenantId, 'u3', 'BOB').catch((e: unknown) => e);
        expect(conflict).toBeInstanceOf(UniquenessConflict);
        expect(conflict).toMatchObject({ attribute: 'userName', value: 'BOB' });
        await expect(
          store.users.replace(tenantId, 'u2', { userName: 'bob' }, { lastModified: T1 }),
        ).rejects.toBeInstanceOf(UniquenessConflict);
        await expect(user(store, tenantId, 'u1', 'dave')).rejects.toMatchObject({ attribute: 'id' });
        const other = await newTenant(store);
        await user(store, other, 'u9', 'bob');
      });

      it('stores dateTime values canonically and reports existing ids', async () => {
        const tenantId = await newTenant(store);
        const stored = await store.users.insert(
          tenantId,
          { id: 'u1', data: { userName: 'a' }, created: '2024-01-02T05:04:05.678+02:00' },
          { lastModified: '2024-01-02T03:04:05.678Z' },
        );
        expect(stored.created).toBe(T0);
        expect(await store.users.existing(tenantId, ['u1', 'u2', 'u1'])).toEqual(new Set(['u1']));
      });

      it('reports existing ids among hundreds asked at once (several lookups, the last one short)', async () => {
        const tenantId = await newTenant(store);
        const present = Array.from({ length: 230 }, (_, i) => `p${String(i).padStart(3, '0')}`);
        await store.transaction(async (tx) => {
          for (const id of present)
            await tx.users.insert(
              tenantId,
              { id, data: { userName: id }, created: T0 },
              { lastModified: T0 },
            );
        });
        const other = await newTenant(store);
        await store.users.insert(
          other,
          { id: 'elsewhere', data: { userName: 'e' }, created: T0 },
          { lastModified: T0 },
        );
        const asked = [...present, ...present.slice(0, 40), 'missing-1', 'elsewhere', 'missing-2'];
        expect(await store.users.existing(tenantId, asked)).toEqual(new Set(present));
        expect(await store.users.existing(tenantId, present.slice(0, 101))).toEqual(
          new Set(present.slice(0, 101)),
        );
        expect(await store.groups.existing(tenantId, present)).toEqual(new Set());
        expect(await store.users.existing(tenantId, [])).toEqual(new Set());
      });
    });

    describe('groups', () => {
      it('inserts with members and reads them only when asked', async () => {
        const tenantId = await newTenant(store);
        await user(store, tenantId, 'u1', 'a');
        const inserted = await group(store, tenantId, 'g1', 'Admins', [member('u1'), member('u1')]);
        expect(inserted.members).toEqual([member('u1')]);
        expect((await store.groups.get(tenantId, 'g1', { members: false }))?.members).toBeUndefined();
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toEqual([member('u1')]);
        await expect(group(store, tenantId, 'g2', 'ADMINS')).rejects.toMatchObject({
          attribute: 'displayName',
        });
        expect(await store.groups.existing(tenantId, ['g1', 'u1'])).toEqual(new Set(['g1']));
        expect(await store.users.existing(tenantId, ['g1', 'u1'])).toEqual(new Set(['u1']));
      });

      it('replaces data and members, keeping members when undefined', async () => {
        const tenantId = await newTenant(store);
        await group(store, tenantId, 'g1', 'G', [member('u1'), member('u2')]);
        const kept = await store.groups.replace(tenantId, 'g1', { displayName: 'G2' }, undefined, {
          lastModified: T1,
        });
        expect(kept.version).toBe(2);
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toHaveLength(2);
        await store.groups.replace(tenantId, 'g1', { displayName: 'G3' }, [member('u3')], {
          expectedVersion: 2,
          lastModified: T1,
        });
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toEqual([member('u3')]);
        await expect(
          store.groups.replace(tenantId, 'g1', { displayName: 'G' }, [], {
            expectedVersion: 2,
            lastModified: T1,
          }),
        ).rejects.toBeInstanceOf(VersionConflict);
      });

      it('updates members in place, bumping the version only on change', async () => {
        const tenantId = await newTenant(store);
        await group(store, tenantId, 'g1', 'G', [member('u1'), member('u2')]);
        const added = await store.groups.updateMembers(
          tenantId,
          'g1',
          { add: [member('u3'), member('u1')] },
          { lastModified: T1 },
        );
        expect(added).toMatchObject({ version: 2, lastModified: T1 });
        const unchanged = await store.groups.updateMembers(
          tenantId,
          'g1',
          { add: [member('u3')], remove: ['nobody'] },
          { lastModified: T1 },
        );
        expect(unchanged.version).toBe(2);
        const removed = await store.groups.updateMembers(
          tenantId,
          'g1',
          { remove: ['u1', 'u2'] },
          { expectedVersion: 2, lastModified: T1 },
        );
        expect(removed.version).toBe(3);
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toEqual([member('u3')]);
        const withData = await store.groups.updateMembers(
          tenantId,
          'g1',
          {},
          { lastModified: T1, data: { displayName: 'Renamed' } },
        );
        expect(withData).toMatchObject({ version: 4, data: { displayName: 'Renamed' } });
        const replacedAll = await store.groups.updateMembers(
          tenantId,
          'g1',
          { removeAll: true, add: [member('u9')] },
          { lastModified: T1 },
        );
        expect(replacedAll.version).toBe(5);
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toEqual([member('u9')]);
        await expect(
          store.groups.updateMembers(
            tenantId,
            'g1',
            { add: [member('u8')] },
            { expectedVersion: 1, lastModified: T1 },
          ),
        ).rejects.toEqual(new VersionConflict(1, 5));
        await expect(
          store.groups.updateMembers(tenantId, 'nope', { add: [member('u8')] }, { lastModified: T1 }),
        ).rejects.toBeInstanceOf(NotFound);
      });

      it('adds members in chunks beyond the parameter limit', async () => {
        const tenantId = await newTenant(store);
        await group(store, tenantId, 'big', 'Big');
        const many = Array.from({ length: 15_000 }, (_, i) => member(`m${i}`));
        await store.groups.updateMembers(tenantId, 'big', { add: many }, { lastModified: T1 });
        expect((await store.groups.get(tenantId, 'big', { members: true }))?.members).toHaveLength(15_000);
      });

      it('adds and removes exactly the members named at every chunk size, no-ops counted as no change', async () => {
        const tenantId = await newTenant(store);
        // Inserts run in chunks of 1, 10 or 100 rows, shorter chunks padded: sizes on each side of those.
        for (const size of [1, 2, 9, 10, 11, 99, 100, 101, 250]) {
          const id = `g${size}`;
          const present = [member(`${id}-p0`), member(`${id}-p1`)];
          await group(store, tenantId, id, `Group ${size}`, present);
          const fresh = Array.from({ length: size }, (_, i) => member(`${id}-n${i}`));
          const added = await store.groups.updateMembers(
            tenantId,
            id,
            { add: [...present.slice(0, Math.min(size, 2)), ...fresh] },
            { lastModified: T1 },
          );
          expect(added.version, `size ${size}`).toBe(2);
          const again = await store.groups.updateMembers(
            tenantId,
            id,
            { add: fresh.slice().reverse() },
            { lastModified: T1 },
          );
          expect(again.version, `size ${size}: nothing new`).toBe(2);
          const stored = await store.groups.get(tenantId, id, { members: true });
          const byValue = (a: GroupMember, b: GroupMember) => (a.value < b.value ? -1 : 1);
          expect(stored?.members?.slice().sort(byValue), `size ${size}`).toEqual(
            [...present, ...fresh].sort(byValue),
          );
          // Removals run in the same chunks: ids that are not members change nothing.
          const gone = fresh.filter((_, i) => i % 3 !== 1).map((m) => m.value);
          const removed = await store.groups.updateMembers(
            tenantId,
            id,
            { remove: [...gone, `${id}-never-a-member`] },
            { lastModified: T1 },
          );
          expect(removed.version, `size ${size}: removed`).toBe(3);
          const unchanged = await store.groups.updateMembers(
            tenantId,
            id,
            { remove: gone.slice(0, 3) },
            { lastModified: T1 },
          );
          expect(unchanged.version, `size ${size}: nothing left to remove`).toBe(3);
          const left = await store.groups.get(tenantId, id, { members: true });
          expect(left?.members?.slice().sort(byValue), `size ${size}: after removal`).toEqual(
            [...present, ...fresh.filter((_, i) => i % 3 === 1)].sort(byValue),
          );
          // A group created with its members takes the same chunked insert (PostgreSQL's member
          // PATCH is a single statement of its own).
          const created = await group(store, tenantId, `${id}-created`, `Created ${size}`, fresh);
          expect(created.members).toHaveLength(size);
          const read = await store.groups.get(tenantId, `${id}-created`, { members: true });
          expect(read?.members?.slice().sort(byValue), `created with ${size}`).toEqual(
            fresh.slice().sort(byValue),
          );
        }
      });

      it('derives user groups and cascades deletes to memberships', async () => {
        const tenantId = await newTenant(store);
        await user(store, tenantId, 'u1', 'a');
        await user(store, tenantId, 'u2', 'b');
        await group(store, tenantId, 'g1', 'One', [member('u1'), member('u2')]);
        await group(store, tenantId, 'g2', 'Two', [member('u1')]);
        const groups = await store.users.groupsOf(tenantId, ['u1', 'u2', 'u3']);
        expect(groups.get('u1')).toEqual([
          { id: 'g1', display: 'One' },
          { id: 'g2', display: 'Two' },
        ]);
        expect(groups.get('u3')).toEqual([]);
        expect(await store.users.delete(tenantId, 'u1')).toBe(true);
        expect((await store.groups.get(tenantId, 'g1', { members: true }))?.members).toEqual([member('u2')]);
        expect(await store.groups.delete(tenantId, 'g1')).toBe(true);
        expect((await store.users.groupsOf(tenantId, ['u2'])).get('u2')).toEqual([]);
      });
    });

    describe('queries', () => {
      let tenantId: string;
      beforeAll(async () => {
        tenantId = await newTenant(store);
        for (let i = 0; i < 12; i++) {
          await user(store, tenantId, `u${String(i).padStart(2, '0')}`, `user${i}`, {
            ...(i % 3 === 0 ? {} : { title: `T${i % 4}` }),
            emails: [{ value: `user${i}@Example.com`, type: i % 2 === 0 ? 'work' : 'home' }],
          });
        }
        await group(store, tenantId, 'g1', 'Even', [member('u00'), member('u02')]);
      });
      const page = (query: Record<string, unknown>) =>
        store.users.query(tenantId, { schema: userSchema, count: 100, ...query });

      it('pages by index with exact totals', async () => {
        const first = await page({ count: 5, startIndex: 1 });
        expect(first.items.map((u) => u.id)).toEqual(['u00', 'u01', 'u02', 'u03', 'u04']);
        expect(first.totalResults).toBe(12);
        const third = await page({ count: 5, startIndex: 11 });
        expect(third.items.map((u) => u.id)).toEqual(['u10', 'u11']);
        expect(third.nextPosition).toBeUndefined();
        expect((await page({ count: 0 })).totalResults).toBe(12);
        const noTotal = await page({ count: 3, withTotal: false });
        expect(noTotal.items).toHaveLength(3);
      });

      it('walks keyset pages in sort order, missing values last ascending and first descending', async () => {
        for (const sortOrder of ['ascending', 'descending'] as const) {
          const full = await page({ sortBy: parseAttributePath('title'), sortOrder });
          const ids: string[] = [];
          let after: string | undefined;
          do {
            const result = await page({
              sortBy: parseAttributePath('title'),
              sortOrder,
              count: 5,
              ...(after === undefined ? {} : { after }),
            });
            expect(result.totalResults).toBe(12);
            ids.push(...result.items.map((u) => u.id));
            after = result.nextPosition;
          } while (after !== undefined);
          expect(ids).toEqual(full.items.map((u) => u.id));
          const titles = full.items.map((u) => u.data.title);
          if (sortOrder === 'ascending')
            expect(titles.slice(-4)).toEqual([undefined, undefined, undefined, undefined]);
          else expect(titles.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
        }
      });

      it('rejects malformed and foreign positions', async () => {
        await expect(page({ after: '!!!' })).rejects.toBeInstanceOf(InvalidPosition);
        await expect(page({ after: Buffer.from('[1]').toString('base64url') })).rejects.toBeInstanceOf(
          InvalidPosition,
        );
        const sorted = await page({ sortBy: parseAttributePath('userName'), count: 2 });
        await expect(page({ after: sorted.nextPosition })).rejects.toBeInstanceOf(InvalidPosition);
      });

      it('filters through columns, multi-values, memberships and JSON', async () => {
        const ids = async (filter: string) =>
          (await page({ filter: parseFilter(filter) })).items.map((u) => u.id);
        expect(await ids('userName eq "USER3"')).toEqual(['u03']);
        expect(await ids('emails[type eq "work" and value sw "user1"]')).toEqual(['u10']);
        expect(await ids('emails.value ew "@example.COM" and title eq "t1"')).toEqual(['u01', 'u05']);
        expect(await ids('groups eq "g1"')).toEqual(['u00', 'u02']);
        expect(await ids('title ne "T1" and title pr')).toEqual(['u02', 'u04', 'u07', 'u08', 'u10', 'u11']);
        expect(await ids('meta.lastModified ge "2024-01-02T03:04:05.678Z" and id lt "u02"')).toEqual([
          'u00',
          'u01',
        ]);
        const groups = await store.groups.query(tenantId, {
          schema: groupSchema,
          count: 10,
          members: true,
          filter: parseFilter('members[value eq "u02"]'),
        });
        expect(groups.items.map((g) => [g.id, g.members?.length])).toEqual([['g1', 2]]);
        await expect(page({ filter: parseFilter('active gt true') })).rejects.toBeInstanceOf(
          UnsupportedQuery,
        );
        await expect(page({ filter: parseFilter('meta.location pr') })).rejects.toBeInstanceOf(
          UnsupportedQuery,
        );
      });
      it('reuses the SQL of a filter shape for other literals and tenants, never when a literal decides the SQL', async () => {
        const ids = async (filter: string, tenant = tenantId) =>
          (
            await store.users.query(tenant, { schema: userSchema, count: 100, filter: parseFilter(filter) })
          ).items.map((u) => u.id);
        expect(await ids('userName eq "USER3"')).toEqual(['u03']);
        expect(await ids('userName eq "user4"')).toEqual(['u04']);
        const other = await newTenant(store);
        await user(store, other, 'other-4', 'USER4');
        expect(await ids('userName eq "User4"', other)).toEqual(['other-4']);
        expect(await ids('userName eq "user3"', other)).toEqual([]);

        expect(await ids('emails[type eq "WORK"].value eq "user2@example.com"')).toEqual(['u02']);
        expect(await ids('emails[type eq "work"].value eq "USER4@EXAMPLE.COM"')).toEqual(['u04']);
        expect(await ids('emails[type eq "home"].value eq "user4@example.com"')).toEqual([]);

        // Compared with a constant while compiling: each literal gets its own SQL.
        expect(await ids('meta.resourceType eq "Group"')).toEqual([]);
        expect(await ids('meta.resourceType eq "User"')).toHaveLength(12);
        // A dateTime literal is bound as its canonical instant, a non-date one as text.
        expect(await ids('meta.lastModified eq "yesterday"')).toEqual([]);
        expect(await ids('meta.lastModified eq "2024-01-02T04:04:05.678+01:00"')).toHaveLength(12);
        expect(await ids('meta.lastModified eq "2024-01-02T05:04:05.678+02:00"')).toHaveLength(12);
        // LIKE patterns are built per call.
        expect(await ids('userName sw "user1"')).toEqual(['u01', 'u10', 'u11']);
        expect(await ids('userName sw "user2"')).toEqual(['u02']);
      });

      it('keeps multi-values in step with replaced data, rewriting them only when they change', async () => {
        const byEmail = async (email: string) =>
          (await page({ filter: parseFilter(`emails.value eq "${email}"`) })).items.map((u) => u.id);
        const current = await store.users.get(tenantId, 'u05');
        const data = { ...current!.data, displayName: 'Renamed' };
        await store.users.replace(tenantId, 'u05', data, { lastModified: T1 });
        expect(await byEmail('user5@example.com')).toEqual(['u05']);
        await store.users.replace(
          tenantId,
          'u05',
          { ...data, emails: [{ value: 'five@example.org', type: 'work' }] },
          { lastModified: T1 },
        );
        expect(await byEmail('user5@example.com')).toEqual([]);
        expect(await byEmail('FIVE@example.org')).toEqual(['u05']);
        await store.users.replace(tenantId, 'u05', current!.data, { lastModified: T1 });
        expect(await byEmail('user5@example.com')).toEqual(['u05']);
      });

      it('keeps the indexed columns in step whichever of them a replace changes', async () => {
        const ids = async (filter: string) =>
          (await page({ filter: parseFilter(filter) })).items.map((u) => u.id);
        const current = await store.users.get(tenantId, 'u06');
        const original = current!.data;
        // Only displayName: userName and externalId still find the user, displayName finds the new value.
        await store.users.replace(
          tenantId,
          'u06',
          { ...original, displayName: 'Only Name' },
          { lastModified: T1 },
        );
        expect(await ids('userName eq "USER6"')).toEqual(['u06']);
        expect(await ids('displayName eq "Only Name"')).toEqual(['u06']);
        // Every indexed column at once, then back: old values stop matching, new ones match.
        const changed = {
          ...original,
          userName: 'renamed6',
          externalId: 'ext-renamed-6',
          displayName: 'All Changed',
          active: !(original.active as boolean),
        };
        const updated = await store.users.replace(tenantId, 'u06', changed, { lastModified: T1 });
        expect(await ids('userName eq "user6"')).toEqual([]);
        expect(await ids('userName eq "RENAMED6"')).toEqual(['u06']);
        expect(await ids('externalId eq "ext-renamed-6"')).toEqual(['u06']);
        expect(await ids(`active eq ${String(changed.active)} and displayName eq "All Changed"`)).toEqual([
          'u06',
        ]);
        // A version-checked replace that changes nothing indexed still bumps the version.
        const same = await store.users.replace(tenantId, 'u06', changed, {
          lastModified: T1,
          expectedVersion: updated.version,
        });
        expect(same.version).toBe(updated.version + 1);
        await store.users.replace(tenantId, 'u06', original, { lastModified: T1 });
        expect(await ids('userName eq "user6"')).toEqual(['u06']);
        expect(await ids('externalId eq "ext-renamed-6"')).toEqual([]);
      });

      it('derives what the row holds from `previous` at the expected version, and only then', async () => {
        const ids = async (filter: string) =>
          (await page({ filter: parseFilter(filter) })).items.map((u) => u.id);
        const read = await store.users.get(tenantId, 'u07');
        const original = read!.data;
        const changed = {
          ...original,
          userName: 'seven-renamed',
          displayName: 'Seven Renamed',
          emails: [{ value: 'seven@example.org', type: 'work' }],
        };
        const updated = await store.users.replace(tenantId, 'u07', changed, {
          lastModified: T1,
          expectedVersion: read!.version,
          previous: original,
        });
        expect(updated.version).toBe(read!.version + 1);
        expect(await ids('userName eq "user7"')).toEqual([]);
        expect(await ids('userName eq "SEVEN-RENAMED"')).toEqual(['u07']);
        expect(await ids('emails.value eq "user7@example.com"')).toEqual([]);
        expect(await ids('emails[type eq "work"].value eq "seven@example.org"')).toEqual(['u07']);
        // The data read at a version that is gone: a conflict, and nothing written.
        await expect(
          store.users.replace(tenantId, 'u07', original, {
            lastModified: T1,
            expectedVersion: read!.version,
            previous: original,
          }),
        ).rejects.toEqual(new VersionConflict(read!.version, updated.version));
        expect((await store.users.get(tenantId, 'u07'))!.data['userName']).toBe('seven-renamed');
        // Without expectedVersion `previous` proves nothing and is not trusted: a `previous`
        // claiming the new values already stored must not stop them from being written.
        await store.users.replace(tenantId, 'u07', original, { lastModified: T1, previous: original });
        expect(await ids('userName eq "user7"')).toEqual(['u07']);
        expect(await ids('emails.value eq "user7@example.com"')).toEqual(['u07']);
        expect(await ids('emails.value eq "seven@example.org"')).toEqual([]);
      });

      it('counts only when the page does not tell the total', async () => {
        const titled = (query: Record<string, unknown>) =>
          page({ filter: parseFilter('title pr'), ...query });
        expect((await titled({ count: 2 })).totalResults).toBe(8);
        expect((await titled({ count: 8 })).totalResults).toBe(8);
        const beyond = await titled({ count: 2, startIndex: 20 });
        expect([beyond.items.length, beyond.totalResults]).toEqual([0, 8]);
        const last = await titled({ count: 5, startIndex: 7 });
        expect([last.items.length, last.totalResults]).toEqual([2, 8]);
      });

      it('pages users with their groups in one call, as query and groupsOf do', async () => {
        await group(store, tenantId, 'g0', 'Zero', [member('u02'), member('u05')]);
        const title = parseAttributePath('title');
        const queries: Record<string, unknown>[] = [
          { filter: parseFilter('userName eq "USER2"') },
          { filter: parseFilter('userName eq "nobody"') },
          { filter: parseFilter('emails[type eq "work"].value eq "USER4@example.com"') },
          { count: 4, startIndex: 2 },
          { count: 0 },
          { sortBy: title, sortOrder: 'descending', count: 5 },
          { sortBy: title, count: 3, startIndex: 5 },
          { filter: parseFilter('groups eq "g1" or groups eq "g0"'), count: 2 },
        ];
        for (const query of queries) {
          const expected = await page(query);
          const joined = await store.users.queryWithGroups(tenantId, {
            schema: userSchema,
            count: 100,
            ...query,
          });
          expect(joined.items).toEqual(expected.items);
          expect(joined.totalResults).toBe(expected.totalResults);
          expect(joined.nextPosition).toBe(expected.nextPosition);
          const groups = await store.users.groupsOf(
            tenantId,
            expected.items.map((u) => u.id),
          );
          expect(joined.groups).toEqual(groups);
        }
        const two = await store.users.queryWithGroups(tenantId, {
          schema: userSchema,
          count: 100,
          filter: parseFilter('userName eq "user2"'),
        });
        expect(two.groups.get('u02')).toEqual([
          { id: 'g0', display: 'Zero' },
          { id: 'g1', display: 'Even' },
        ]);
        // Keyset pages: limited to users, not to memberships.
        const ids: string[] = [];
        let after: string | undefined;
        do {
          const result = await store.users.queryWithGroups(tenantId, {
            schema: userSchema,
            count: 2,
            sortBy: title,
            ...(after === undefined ? {} : { after }),
          });
          expect(result.items.length).toBeLessThanOrEqual(2);
          ids.push(...result.items.map((u) => u.id));
          after = result.nextPosition;
        } while (after !== undefined);
        expect(ids).toEqual((await page({ sortBy: title })).items.map((u) => u.id));
        await store.groups.delete(tenantId, 'g0');
      });

      it('reads a user with its groups, sorted, in one call', async () => {
        await group(store, tenantId, 'g0', 'Zero', [member('u02')]);
        const found = await store.users.getWithGroups(tenantId, 'u02');
        expect(found?.user).toMatchObject({ id: 'u02', data: { userName: 'user2' }, version: 1 });
        expect(found?.groups).toEqual([
          { id: 'g0', display: 'Zero' },
          { id: 'g1', display: 'Even' },
        ]);
        expect((await store.users.getWithGroups(tenantId, 'u03'))?.groups).toEqual([]);
        expect(await store.users.getWithGroups(tenantId, 'g1')).toBeUndefined();
        expect(await store.users.getWithGroups(tenantId, 'missing')).toBeUndefined();
        expect(await store.users.getWithGroups(await newTenant(store), 'u02')).toBeUndefined();
        await store.groups.delete(tenantId, 'g0');
      });
    });

    describe('transactions and concurrency', () => {
      it('commits and rolls back', async () => {
        const tenantId = await newTenant(store);
        await store.transaction(async (trx) => {
          await user(trx, tenantId, 'u1', 'a');
          await trx.audit.append({ tenantId, at: T0, actor: 'admin', action: 'user.create' });
        });
        await expect(
          store.transaction(async (trx) => {
            await user(trx, tenantId, 'u2', 'b');
            await user(trx, tenantId, 'u3', 'A');
          }),
        ).rejects.toBeInstanceOf(UniquenessConflict);
        expect(await store.users.existing(tenantId, ['u1', 'u2', 'u3'])).toEqual(new Set(['u1']));
        expect(await store.audit.list(tenantId, { limit: 10 })).toHaveLength(1);
      });

      it('loses no member when 20 clients add members to one group at once', async () => {
        const tenantId = await newTenant(store);
        await group(store, tenantId, 'g1', 'G');
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.groups.updateMembers(tenantId, 'g1', { add: [member(`m${i}`)] }, { lastModified: T1 }),
          ),
        );
        const stored = await store.groups.get(tenantId, 'g1', { members: true });
        expect(stored?.members).toHaveLength(20);
        expect(stored?.version).toBe(21);
      });

      it('lets exactly one of 10 concurrent inserts of one userName succeed', async () => {
        const tenantId = await newTenant(store);
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => user(store, tenantId, `u${i}`, i % 2 === 0 ? 'Same' : 'same')),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const result of results) {
          if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(UniquenessConflict);
        }
      });
    });
  });
}

async function newTenantWithId(store: Store, id: string): Promise<void> {
  await store.tenants.create({ id, name: id, createdAt: T0, verifiedDomains: [] });
}
