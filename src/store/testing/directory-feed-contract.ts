import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryStore } from '../directory-store.js';
import { NotFound, ResyncRequired, UniquenessConflict } from '../errors.js';
import type { Store } from '../store.js';
import { changeLines, newGroup, newUser } from './directory-contract.js';
import { openTestStore, type TestStore } from './open-test-store.js';
import type { TestEngine } from './test-engines.js';

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-02-01T00:00:00.000Z';
const T2 = '2024-03-01T00:00:00.000Z';

/** The applications, assignments and change-log part of the DirectoryStore contract. */
export function runDirectoryFeedContract(engine: TestEngine): void {
  describe(`DirectoryStore contract: applications and the change log (${engine})`, () => {
    let test: TestStore;
    let store: Store;
    let dir: DirectoryStore;
    beforeAll(async () => {
      test = await openTestStore(engine, { maxConnections: 8 });
      store = test.store;
      dir = store.directory;
    });
    afterAll(async () => {
      await test.dispose();
    });

    it('keeps applications unique by name and assignments idempotent per principal and role', async () => {
      const app = {
        id: 'app-1',
        name: 'Jira',
        appRoles: [{ id: 'r1', value: 'admin', displayName: 'Admin' }],
        createdDateTime: T0,
      };
      expect(await dir.createApplication(app, T0)).toEqual(app);
      await expect(dir.createApplication({ ...app, id: 'app-2', name: 'JIRA' }, T0)).rejects.toMatchObject({
        name: 'UniquenessConflict',
        attribute: 'name',
      });
      expect(await dir.getApplicationByName('jira')).toEqual(app);
      expect(await dir.getApplication('app-1')).toEqual(app);
      expect((await dir.listApplications()).map((a) => a.id)).toContain('app-1');
      const user = await newUser(dir);
      const w = await dir.currentWatermark();
      const base = {
        applicationId: 'app-1',
        principalId: user.id,
        principalType: 'user' as const,
        createdDateTime: T0,
      };
      const first = await dir.addAssignment({ id: 'as-1', ...base, appRoleId: 'r1' }, T0);
      expect(await dir.addAssignment({ id: 'as-2', ...base, appRoleId: 'r1' }, T0)).toEqual(first);
      await dir.addAssignment({ id: 'as-3', ...base, appRoleId: 'default' }, T0);
      expect((await dir.assignmentsOfPrincipals('app-1', [user.id, 'x'])).map((a) => a.id)).toEqual([
        'as-1',
        'as-3',
      ]);
      const page = await dir.listAssignments('app-1', { limit: 1 });
      expect(page.items.map((a) => a.id)).toEqual(['as-1']);
      expect(
        (await dir.listAssignments('app-1', { limit: 1, after: page.next! })).items.map((a) => a.id),
      ).toEqual(['as-3']);
      expect(await dir.removeAssignment('app-1', user.id, 'r1', T1)).toBe(1);
      expect(await dir.removeAssignment('app-1', user.id, 'r1', T1)).toBe(0);
      await dir.addAssignment({ id: 'as-4', ...base, appRoleId: 'r1' }, T0);
      expect(await dir.removeAssignment('app-1', user.id, undefined, T1)).toBe(2);
      await expect(
        dir.addAssignment({ id: 'as-5', ...base, applicationId: 'nope', appRoleId: 'r1' }, T0),
      ).rejects.toBeInstanceOf(NotFound);
      await dir.addAssignment({ id: 'as-6', ...base, appRoleId: 'r1' }, T0);
      expect(await dir.deleteApplication('app-1', T1)).toBe(true);
      expect(await dir.deleteApplication('app-1', T1)).toBe(false);
      const batch = await dir.changesSince(w, 100);
      expect(
        batch.changes.map((c) => `${c.kind} ${(c.detail?.assignmentId as string | undefined) ?? c.objectId}`),
      ).toEqual([
        'assignmentAdded as-1',
        'assignmentAdded as-3',
        'assignmentRemoved as-1',
        'assignmentAdded as-4',
        'assignmentRemoved as-3',
        'assignmentRemoved as-4',
        'assignmentAdded as-6',
        'assignmentRemoved as-6',
        'permanentlyDeleted app-1',
      ]);
      expect(batch.changes[0]).toMatchObject({
        objectType: 'application',
        objectId: 'app-1',
        relatedId: user.id,
        relatedType: 'user',
        detail: { appRoleId: 'r1' },
      });
    });

    it('reads changes by watermark in pages, oldest first', async () => {
      const w = await dir.currentWatermark();
      expect(await dir.changesSince(w, 10)).toEqual({ changes: [], watermark: w, more: false });
      const users = [await newUser(dir), await newUser(dir), await newUser(dir)];
      const first = await dir.changesSince(w, 2);
      expect(first.changes.map((c) => c.objectId)).toEqual([users[0]!.id, users[1]!.id]);
      expect(first.changes.map((c) => c.sequence)).toEqual([w + 1, w + 2]);
      expect(first).toMatchObject({ watermark: w + 2, more: true });
      const second = await dir.changesSince(first.watermark, 2);
      expect(second).toMatchObject({ watermark: w + 3, more: false });
      expect(second.changes[0]).toEqual({
        sequence: w + 3,
        at: T0,
        kind: 'created',
        objectType: 'user',
        objectId: users[2]!.id,
      });
    });

    it('appends nothing when the transaction rolls back, leaving no gap', async () => {
      const w = await dir.currentWatermark();
      const failing = store.transaction(async (tx) => {
        await newUser(tx.directory);
        await newGroup(tx.directory);
        throw new Error('abort');
      });
      await expect(failing).rejects.toThrow('abort');
      expect(await dir.currentWatermark()).toBe(w);
      const user = await newUser(dir);
      expect(await changeLines(dir, w)).toEqual([`created ${user.id}`]);
      await expect(
        newUser(dir, {}, undefined).then((u) => dir.createUser({ ...u }, T0)),
      ).rejects.toBeInstanceOf(UniquenessConflict);
      expect(await dir.currentWatermark()).toBe(w + 2);
    });

    it('compacts a prefix and answers older watermarks with ResyncRequired', async () => {
      const old = await dir.currentWatermark();
      const user = await newUser(dir);
      await dir.updateUser(user.id, { ...user.attributes, city: 'x' }, undefined, T2);
      const w = await dir.currentWatermark();
      const deleted = await dir.compactChanges(T1);
      expect(deleted).toBeGreaterThanOrEqual(1);
      const horizon = await dir.compactionHorizon();
      expect(horizon).toBe(w - 1);
      expect(await dir.compactChanges(T1)).toBe(0);
      await expect(dir.changesSince(old, 10)).rejects.toBeInstanceOf(ResyncRequired);
      await expect(dir.changesSince(horizon - 1, 10)).rejects.toMatchObject({
        watermark: horizon - 1,
        horizon,
      });
      expect((await dir.changesSince(horizon, 10)).changes.map((c) => c.kind)).toEqual(['updated']);
      expect(await dir.currentWatermark()).toBe(w);
    });

    it('never lets a reader skip or repeat a change while writers run concurrently', async () => {
      const start = await dir.currentWatermark();
      const writers = 4;
      const perWriter = engine === 'postgres' ? 25 : 40;
      let running = writers;
      const seen: number[] = [];
      const created: string[] = [];
      const writer = async (n: number) => {
        try {
          for (let i = 0; i < perWriter; i++) {
            // Multi-statement writes widen the window between taking a sequence and committing.
            const user = await newUser(dir, { writer: n });
            await dir.updateUser(user.id, { ...user.attributes, step: i }, undefined, T0);
            created.push(user.id);
          }
        } finally {
          running--;
        }
      };
      const reader = async () => {
        let watermark = start;
        for (;;) {
          const done = running === 0;
          const batch = await dir.changesSince(watermark, 7);
          seen.push(...batch.changes.map((c) => c.sequence));
          watermark = batch.watermark;
          if (done && !batch.more) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
      };
      await Promise.all([...Array.from({ length: writers }, (_, n) => writer(n)), reader()]);
      const total = writers * perWriter * 2;
      expect(created).toHaveLength(writers * perWriter);
      expect(seen).toEqual(Array.from({ length: total }, (_, i) => start + i + 1));
    });
  });
}
