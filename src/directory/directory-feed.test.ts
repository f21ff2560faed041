import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResyncRequired } from '../store/index.js';
import { openTestStore, testEngines, type TestStore } from '../store/testing/index.js';
import { DirectoryService } from './directory-service.js';

const DAY = 86_400_000;

describe.each(testEngines())('DirectoryService change feed and retention (%s)', (engine) => {
  let test: TestStore;
  let now = Date.parse('2024-01-01T00:00:00Z');
  let directory: DirectoryService;
  beforeAll(async () => {
    test = await openTestStore(engine, { maxConnections: 8 });
    directory = new DirectoryService(test.store, { clock: { now: () => new Date(now) }, retentionDays: 30 });
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('records every kind of change with the changed attributes, and returns the current state', async () => {
    const start = await directory.currentWatermark();
    const user = await directory.createUser({ userPrincipalName: 'feed@example.com' });
    const boss = await directory.createUser({ userPrincipalName: 'feed-boss@example.com' });
    await directory.updateUser(user.id, { city: 'Oslo', manager: boss.id });
    await directory.updateUser(user.id, { city: 'Oslo' });
    const group = await directory.createGroup({ displayName: 'Feed group' });
    await directory.addMember(group.id, user.id);
    await directory.updateGroup(group.id, { description: 'x' });
    const app = await directory.createApplication({ name: 'Feed app' });
    await directory.assign(app.id, { user: user.id });
    await directory.unassign(app.id, { user: user.id });
    await directory.removeMember(group.id, user.id);
    await directory.deleteUser(boss.id);
    await directory.restoreUser(boss.id);
    await directory.purgeUser(boss.id);
    const delta = await directory.changesSince(start, 100);
    expect(
      delta.changes.map((c) => [
        c.kind,
        c.objectType,
        c.changedAttributes?.join(',') ?? '',
        c.relatedId ?? '',
      ]),
    ).toEqual([
      ['created', 'user', '', ''],
      ['created', 'user', '', ''],
      ['updated', 'user', 'city,manager', ''],
      ['created', 'group', '', ''],
      ['memberAdded', 'group', '', user.id],
      ['updated', 'group', 'description', ''],
      ['created', 'application', '', ''],
      ['assignmentAdded', 'application', '', user.id],
      ['assignmentRemoved', 'application', '', user.id],
      ['memberRemoved', 'group', '', user.id],
      ['softDeleted', 'user', '', ''],
      ['restored', 'user', '', ''],
      ['updated', 'user', 'manager', ''],
      ['permanentlyDeleted', 'user', '', ''],
    ]);
    expect(delta.watermark).toBe(start + 14);
    expect(delta.more).toBe(false);
    expect([...delta.users.keys()]).toEqual([user.id]);
    expect(delta.users.get(user.id)).toMatchObject({ attributes: { city: 'Oslo' }, managerId: undefined });
    expect(delta.groups.get(group.id)?.attributes.description).toBe('x');
    expect(await directory.currentWatermark()).toBe(delta.watermark);
  });

  it('purges users after the retention period only', async () => {
    const user = await directory.createUser({ userPrincipalName: 'retained@example.com' });
    const group = await directory.createGroup({ displayName: 'Retained group' });
    await directory.deleteUser(user.id);
    await directory.deleteGroup(group.id);
    now += 29 * DAY;
    expect(await directory.purgeExpired()).toBe(0);
    expect(await directory.getUser(user.id, { includeDeleted: true })).toBeDefined();
    now += 2 * DAY;
    expect(await directory.purgeExpired()).toBe(2);
    expect(await directory.getUser(user.id, { includeDeleted: true })).toBeUndefined();
    expect(await test.store.directory.getGroup(group.id, { includeDeleted: true })).toBeUndefined();
    expect(await directory.purgeExpired()).toBe(0);
  });

  it('answers a watermark below the compaction horizon with ResyncRequired', async () => {
    const old = await directory.currentWatermark();
    await directory.createUser({ userPrincipalName: 'compacted@example.com' });
    now += DAY;
    const recent = await directory.createUser({ userPrincipalName: 'recent@example.com' });
    await test.store.directory.compactChanges(new Date(now).toISOString());
    await expect(directory.changesSince(old, 10)).rejects.toBeInstanceOf(ResyncRequired);
    const delta = await directory.changesSince(old + 1, 10);
    expect(delta.changes.map((c) => c.objectId)).toEqual([recent.id]);
  });

  it('maintain() purges past the recycle-bin retention and compacts past the change-log retention', async () => {
    const upkeep = new DirectoryService(test.store, {
      clock: { now: () => new Date(now) },
      retentionDays: 10,
      changeLogRetentionDays: 20,
    });
    expect(await upkeep.maintain()).toEqual({ purged: 0, compacted: expect.any(Number) as number });
    const watermark = await upkeep.currentWatermark();
    const leaver = await upkeep.createUser({ userPrincipalName: 'leaver@example.com' });
    await upkeep.deleteUser(leaver.id);
    now += 11 * DAY;
    expect(await upkeep.maintain()).toEqual({ purged: 1, compacted: 0 });
    expect(await upkeep.getUser(leaver.id, { includeDeleted: true })).toBeUndefined();
    now += 10 * DAY;
    const result = await upkeep.maintain();
    // The create and soft-delete entries of day 0 are past the 20 days now: compacted away.
    expect(result.purged).toBe(0);
    expect(result.compacted).toBeGreaterThanOrEqual(2);
    await expect(upkeep.changesSince(watermark, 10)).rejects.toBeInstanceOf(ResyncRequired);
  });

  it('lets a reader polling between concurrent service writers see each change once, in order', async () => {
    const start = await directory.currentWatermark();
    const group = await directory.createGroup({ displayName: 'Concurrent' });
    let running = 4;
    const writer = async (w: number) => {
      try {
        for (let i = 0; i < 10; i++) {
          const user = await directory.createUser({ userPrincipalName: `w${w}-${i}@example.com` });
          await directory.addMember(group.id, user.id);
        }
      } finally {
        running--;
      }
    };
    const seen: number[] = [];
    const reader = async () => {
      let watermark = start;
      for (;;) {
        const done = running === 0;
        const delta = await directory.changesSince(watermark, 5);
        seen.push(...delta.changes.map((c) => c.sequence));
        for (const change of delta.changes) {
          if (change.kind === 'memberAdded') expect(delta.users.has(change.relatedId!)).toBe(true);
        }
        watermark = delta.watermark;
        if (done && !delta.more) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([writer(0), writer(1), writer(2), writer(3), reader()]);
    expect(seen).toEqual(Array.from({ length: 81 }, (_, i) => start + i + 1));
  });

  it('decides under the directory lock: concurrent opposite nestings make one cycle error, not a cycle', async () => {
    for (let round = 0; round < 5; round++) {
      const a = await directory.createGroup({ displayName: `Cycle A ${round}` });
      const b = await directory.createGroup({ displayName: `Cycle B ${round}` });
      const results = await Promise.allSettled([
        directory.addMember(a.id, b.id),
        directory.addMember(b.id, a.id),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: 'SCIMSYNC_ERR_DIRECTORY_MEMBERSHIP_CYCLE' });
    }
  });
});
