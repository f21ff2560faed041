import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryStore, DirectoryUserRecord } from '../directory-store.js';
import { InvalidPosition, NotFound, UniquenessConflict } from '../errors.js';
import { openTestStore, type TestStore } from './open-test-store.js';
import type { TestEngine } from './test-engines.js';

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-02-01T00:00:00.000Z';
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${String(++counter).padStart(6, '0')}`;

export async function newUser(dir: DirectoryStore, extra: Record<string, unknown> = {}, managerId?: string) {
  const id = nextId('u');
  return dir.createUser(
    { id, attributes: { userPrincipalName: `${id}@Example.com`, ...extra }, managerId, createdDateTime: T0 },
    T0,
  );
}

export async function newGroup(dir: DirectoryStore, displayName = nextId('Group')) {
  return dir.createGroup({ id: nextId('g'), attributes: { displayName }, createdDateTime: T0 }, T0);
}

/** Changes after `watermark`, as `kind objectId[ relatedId][ attrs]` lines for compact assertions. */
export async function changeLines(dir: DirectoryStore, watermark: number): Promise<string[]> {
  const batch = await dir.changesSince(watermark, 10_000);
  return batch.changes.map((c) =>
    [c.kind, c.objectId, c.relatedId, c.changedAttributes?.join(',')]
      .filter((p) => p !== undefined)
      .join(' '),
  );
}

/** The users, groups and memberships part of the DirectoryStore contract. */
export function runDirectoryStoreContract(engine: TestEngine): void {
  describe(`DirectoryStore contract: users, groups, members (${engine})`, () => {
    let test: TestStore;
    let dir: DirectoryStore;
    beforeAll(async () => {
      test = await openTestStore(engine);
      dir = test.store.directory;
    });
    afterAll(async () => {
      await test.dispose();
    });

    it('creates users and reads them by id and case-insensitive UPN; UPN and id stay unique', async () => {
      const w = await dir.currentWatermark();
      const user = await newUser(dir, { city: 'Oslo' });
      expect(user.version).toBe(1);
      expect(await dir.getUser(user.id)).toEqual(user);
      const upn = String(user.attributes.userPrincipalName).toUpperCase();
      expect((await dir.getUserByPrincipalName(upn))?.id).toBe(user.id);
      expect((await dir.getUsers([user.id, 'missing', user.id])).map((u) => u.id)).toEqual([user.id]);
      const clash = dir.createUser(
        {
          id: 'other',
          attributes: { userPrincipalName: upn.toLowerCase() },
          managerId: undefined,
          createdDateTime: T0,
        },
        T0,
      );
      await expect(clash).rejects.toMatchObject({
        name: 'UniquenessConflict',
        attribute: 'userPrincipalName',
      });
      const sameId = dir.createUser(
        {
          id: user.id,
          attributes: { userPrincipalName: 'x@y.com' },
          managerId: undefined,
          createdDateTime: T0,
        },
        T0,
      );
      await expect(sameId).rejects.toBeInstanceOf(UniquenessConflict);
      await expect(sameId).rejects.toMatchObject({ attribute: 'id' });
      expect(await changeLines(dir, w)).toEqual([`created ${user.id}`]);
    });

    it('updates with the changed attribute names, and records nothing when nothing changed', async () => {
      const manager = await newUser(dir);
      const user = await newUser(dir, { city: 'Oslo', businessPhones: ['1'] });
      const w = await dir.currentWatermark();
      const attributes = { ...user.attributes, city: 'Bergen', department: 'Sales', businessPhones: ['1'] };
      const updated = await dir.updateUser(user.id, attributes, manager.id, T1);
      expect(updated).toMatchObject({ version: 2, managerId: manager.id, attributes });
      expect(await dir.updateUser(user.id, { ...attributes }, manager.id, T1)).toMatchObject({ version: 2 });
      const { city: _, ...withoutCity } = attributes;
      await dir.updateUser(user.id, withoutCity, manager.id, T1);
      expect(await changeLines(dir, w)).toEqual([
        `updated ${user.id} city,department,manager`,
        `updated ${user.id} city`,
      ]);
      await expect(dir.updateUser('missing', attributes, undefined, T1)).rejects.toBeInstanceOf(NotFound);
    });

    it('soft-deletes and restores, hiding deleted users unless asked', async () => {
      const user = await newUser(dir);
      const upn = String(user.attributes.userPrincipalName);
      const before = await dir.countUsers();
      const w = await dir.currentWatermark();
      expect(await dir.softDeleteUser(user.id, T1)).toBe(true);
      expect(await dir.softDeleteUser(user.id, T1)).toBe(false);
      expect(await dir.getUser(user.id)).toBeUndefined();
      expect(await dir.getUserByPrincipalName(upn)).toBeUndefined();
      expect(await dir.getUser(user.id, { includeDeleted: true })).toMatchObject({
        deletedDateTime: T1,
        version: 2,
      });
      expect(await dir.countUsers()).toBe(before - 1);
      expect(await dir.countUsers({ deleted: true })).toBeGreaterThanOrEqual(1);
      expect(await dir.usersDeletedBefore('2024-03-01T00:00:00.000Z', 1000)).toContain(user.id);
      expect(await dir.usersDeletedBefore(T1, 1000)).not.toContain(user.id);
      const deleted = await dir.listUsers({ limit: 1000, deleted: true });
      expect(deleted.items.map((u) => u.id)).toContain(user.id);
      expect(await dir.restoreUser(user.id, T1)).toBe(true);
      expect(await dir.restoreUser(user.id, T1)).toBe(false);
      expect(await dir.getUser(user.id)).toMatchObject({ deletedDateTime: undefined, version: 3 });
      expect(await changeLines(dir, w)).toEqual([`softDeleted ${user.id}`, `restored ${user.id}`]);
    });

    it('lists the live direct reports of managers', async () => {
      const boss = await newUser(dir);
      const report = await newUser(dir, {}, boss.id);
      const gone = await newUser(dir, {}, boss.id);
      await dir.softDeleteUser(gone.id, T0);
      expect(await dir.directReports([boss.id, report.id])).toEqual([report.id]);
      expect(await dir.directReports([])).toEqual([]);
    });

    it('purges a user with its memberships, assignments and manager references', async () => {
      const boss = await newUser(dir);
      const report = await newUser(dir, {}, boss.id);
      const group = await newGroup(dir);
      await dir.addMembers(group.id, [{ id: boss.id, type: 'user' }], T0);
      await dir.createApplication(
        { id: 'app-purge', name: 'Purge app', appRoles: [], createdDateTime: T0 },
        T0,
      );
      const assignment = { applicationId: 'app-purge', principalId: boss.id, principalType: 'user' as const };
      await dir.addAssignment({ id: 'as-purge', ...assignment, appRoleId: 'r', createdDateTime: T0 }, T0);
      await dir.softDeleteUser(boss.id, T0);
      const w = await dir.currentWatermark();
      expect(await dir.purgeUser(boss.id, T1)).toBe(true);
      expect(await dir.purgeUser(boss.id, T1)).toBe(false);
      expect(await dir.getUser(boss.id, { includeDeleted: true })).toBeUndefined();
      expect(await dir.getUser(report.id)).toMatchObject({ managerId: undefined, version: 2 });
      expect((await dir.listMembers(group.id, { limit: 10 })).items).toEqual([]);
      expect(await dir.assignmentsOfPrincipals('app-purge', [boss.id])).toEqual([]);
      expect(await changeLines(dir, w)).toEqual([
        `memberRemoved ${group.id} ${boss.id}`,
        `assignmentRemoved app-purge ${boss.id}`,
        `updated ${report.id} manager`,
        `permanentlyDeleted ${boss.id}`,
      ]);
    });

    it('creates users and groups in bulk, one created entry each, all or nothing', async () => {
      const w = await dir.currentWatermark();
      const users = Array.from({ length: 5000 }, (_, i) => ({
        id: `bulk-u-${String(i).padStart(4, '0')}`,
        attributes: { userPrincipalName: `bulk${i}@example.com`, accountEnabled: i % 2 === 0 },
        managerId: i === 0 ? undefined : 'bulk-u-0000',
        createdDateTime: T0,
      }));
      expect(await dir.createUsers(users, T1)).toBe(5000);
      expect(await dir.getUser('bulk-u-0007')).toEqual({
        ...users[7],
        deletedDateTime: undefined,
        version: 1,
      });
      const groups = [{ id: 'bulk-g-1', attributes: { displayName: 'Bulk' }, createdDateTime: T0 }];
      expect(await dir.createGroups(groups, T1)).toBe(1);
      const batch = await dir.changesSince(w, 10_000);
      expect(batch.changes).toHaveLength(5001);
      expect(batch.changes.at(-1)).toMatchObject({
        kind: 'created',
        objectType: 'group',
        objectId: 'bulk-g-1',
        at: T1,
      });
      const clash = [
        { ...users[0]!, id: 'bulk-new' },
        { ...users[1]!, id: 'bulk-new-2', attributes: { userPrincipalName: 'fresh@example.com' } },
      ];
      await expect(dir.createUsers(clash, T1)).rejects.toMatchObject({
        name: 'UniquenessConflict',
        attribute: 'userPrincipalName',
      });
      expect(await dir.getUser('bulk-new-2')).toBeUndefined();
      await expect(dir.createGroups(groups, T1)).rejects.toBeInstanceOf(UniquenessConflict);
      expect(await dir.currentWatermark()).toBe(w + 5001);
    });

    it('pages users by keyset with an opaque position bound to its listing', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 5; i++) ids.add((await newUser(dir)).id);
      const seen: DirectoryUserRecord[] = [];
      let after: string | undefined;
      do {
        const page = await dir.listUsers({ limit: 2, ...(after === undefined ? {} : { after }) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        after = page.next;
      } while (after !== undefined);
      const seenIds = seen.map((u) => u.id);
      expect(seenIds).toEqual([...seenIds].sort());
      expect(new Set(seenIds).size).toBe(seenIds.length);
      for (const id of ids) expect(seenIds).toContain(id);
      const first = await dir.listUsers({ limit: 1 });
      await expect(dir.listGroups({ limit: 1, after: first.next! })).rejects.toBeInstanceOf(InvalidPosition);
      await expect(dir.listUsers({ limit: 1, after: 'not a position' })).rejects.toBeInstanceOf(
        InvalidPosition,
      );
    });

    it('keeps groups with duplicate names, soft-deletes them and purges them from their parents', async () => {
      const parent = await newGroup(dir);
      const a = await newGroup(dir, 'Same Name');
      const b = await newGroup(dir, 'same name');
      expect((await dir.getGroupByDisplayName('SAME NAME')).map((g) => g.id)).toEqual([a.id, b.id]);
      const renamed = await dir.updateGroup(b.id, { displayName: 'Other', description: 'd' }, T1);
      expect(renamed.version).toBe(2);
      expect((await dir.getGroupByDisplayName('same name')).map((g) => g.id)).toEqual([a.id]);
      await dir.addMembers(parent.id, [{ id: a.id, type: 'group' }], T0);
      await dir.addMembers(a.id, [{ id: 'someone', type: 'user' }], T0);
      const w = await dir.currentWatermark();
      expect(await dir.softDeleteGroup(a.id, T1)).toBe(true);
      expect(await dir.getGroup(a.id)).toBeUndefined();
      expect((await dir.listGroups({ limit: 1000, deleted: true })).items.map((g) => g.id)).toContain(a.id);
      expect(await dir.restoreGroup(a.id, T1)).toBe(true);
      expect(await dir.purgeGroup(a.id, T1)).toBe(true);
      expect(await dir.getGroup(a.id, { includeDeleted: true })).toBeUndefined();
      expect(await dir.groupsOf([a.id, 'someone'])).toEqual(new Map());
      expect(await changeLines(dir, w)).toEqual([
        `softDeleted ${a.id}`,
        `restored ${a.id}`,
        `memberRemoved ${parent.id} ${a.id}`,
        `permanentlyDeleted ${a.id}`,
      ]);
      await expect(dir.updateGroup(a.id, { displayName: 'x' }, T1)).rejects.toBeInstanceOf(NotFound);
    });

    it('adds members in bulk, once each, recording only the members actually added', async () => {
      const group = await newGroup(dir);
      const many = Array.from({ length: 12_000 }, (_, i) => ({
        id: `m-${String(i).padStart(5, '0')}`,
        type: 'user' as const,
      }));
      const w = await dir.currentWatermark();
      expect(await dir.addMembers(group.id, [...many, ...many.slice(0, 10)], T0)).toBe(12_000);
      expect(await dir.addMembers(group.id, [...many.slice(0, 5), { id: 'm-new', type: 'group' }], T0)).toBe(
        1,
      );
      expect(await dir.currentWatermark()).toBe(w + 12_001);
      const last = await dir.changesSince(w + 12_000, 10);
      expect(last.changes).toMatchObject([
        { kind: 'memberAdded', objectId: group.id, relatedId: 'm-new', relatedType: 'group' },
      ]);
      expect(await dir.removeMembers(group.id, ['m-00000', 'm-00001', 'nope'], T1)).toBe(2);
      expect((await dir.groupsOf(['m-00002', 'm-00000'])).get('m-00002')).toEqual([group.id]);
      const page1 = await dir.listMembers(group.id, { limit: 2 });
      expect(page1.items).toEqual([
        { id: 'm-00002', type: 'user' },
        { id: 'm-00003', type: 'user' },
      ]);
      const page2 = await dir.listMembers(group.id, { limit: 2, after: page1.next! });
      expect(page2.items.map((m) => m.id)).toEqual(['m-00004', 'm-00005']);
      await expect(dir.addMembers('missing-group', many.slice(0, 1), T0)).rejects.toBeInstanceOf(NotFound);
    });
  });
}
