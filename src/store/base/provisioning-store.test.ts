import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { openTestStore, testEngines, type TestStore } from '../testing/index.js';

const T0 = '2024-01-01T00:00:00.000Z';
const T1 = '2024-02-01T00:00:00.000Z';

describe.each(testEngines())('ProvisioningStore (%s)', (engine) => {
  let test: TestStore;
  let store: Store;
  beforeAll(async () => {
    test = await openTestStore(engine);
    store = test.store;
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('creates, replaces and deletes a job, keeping created time and setting the watermark', async () => {
    const job = {
      applicationId: 'app-1',
      enabled: false,
      config: { scope: 'assigned' },
      secret: 's1',
      watermark: undefined,
    };
    expect(await store.provisioning.putJob(job, T0)).toEqual({ ...job, createdAt: T0, updatedAt: T0 });
    await store.provisioning.putJob({ ...job, enabled: true, config: { scope: 'all' } }, T1);
    await store.provisioning.setWatermark('app-1', 42, T1);
    expect(await store.provisioning.getJob('app-1')).toEqual({
      ...job,
      enabled: true,
      config: { scope: 'all' },
      watermark: 42,
      createdAt: T0,
      updatedAt: T1,
    });
    expect((await store.provisioning.listJobs()).map((j) => j.applicationId)).toEqual(['app-1']);
    await store.provisioning.putObjects(
      [
        {
          applicationId: 'app-1',
          objectType: 'user',
          sourceId: 'u1',
          targetId: 't1',
          status: 'active',
          values: {},
          detail: undefined,
        },
      ],
      T0,
    );
    expect(await store.provisioning.deleteJob('app-1')).toBe(true);
    expect(await store.provisioning.getJob('app-1')).toBeUndefined();
    expect((await store.provisioning.getObjects('app-1', 'user', ['u1'])).size).toBe(0);
    expect(await store.provisioning.deleteJob('app-1')).toBe(false);
  });

  it('upserts shadow objects, finds them by source and target id, pages and counts them', async () => {
    const p = store.provisioning;
    const ids = Array.from({ length: 25 }, (_, i) => `u${String(i).padStart(2, '0')}`);
    await p.putObjects(
      ids.map((id) => ({
        applicationId: 'app-2',
        objectType: 'user' as const,
        sourceId: id,
        targetId: `t-${id}`,
        status: 'active' as const,
        values: { userName: `${id}@example.com`, active: true },
        detail: undefined,
      })),
      T0,
    );
    await p.putObjects(
      [
        {
          applicationId: 'app-2',
          objectType: 'user',
          sourceId: 'u03',
          targetId: 't-u03',
          status: 'failed',
          values: { userName: 'x' },
          detail: { code: 'Conflict', message: 'm' },
        },
      ],
      T1,
    );
    const found = await p.getObjects('app-2', 'user', ['u03', 'u04', 'nope']);
    expect([...found.keys()].sort()).toEqual(['u03', 'u04']);
    expect(found.get('u03')).toEqual({
      applicationId: 'app-2',
      objectType: 'user',
      sourceId: 'u03',
      targetId: 't-u03',
      status: 'failed',
      values: { userName: 'x' },
      detail: { code: 'Conflict', message: 'm' },
      updatedAt: T1,
    });
    expect((await p.getObjects('app-2', 'group', ['u03'])).size).toBe(0);
    expect((await p.findObjectsByTargetId('app-2', 'user', ['t-u05'])).map((o) => o.sourceId)).toEqual([
      'u05',
    ]);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await p.listObjects('app-2', 'user', { limit: 10, ...(after ? { after } : {}) });
      seen.push(...page.items.map((o) => o.sourceId));
      after = page.next;
    } while (after !== undefined);
    expect(seen).toEqual(ids);
    const seenIds: string[] = [];
    after = undefined;
    do {
      const page = await p.listObjectIds('app-2', 'user', { limit: 7, ...(after ? { after } : {}) });
      seenIds.push(...page.items);
      after = page.next;
    } while (after !== undefined);
    expect(seenIds).toEqual(ids);
    expect((await p.listObjectIds('app-2', 'group', { limit: 7 })).items).toEqual([]);
    expect(await p.countObjects('app-2', 'user')).toEqual({ active: 24, disabled: 0, failed: 1, skipped: 0 });
    expect(await p.listObjectIdsWithStatus('app-2', 'user', 'failed', 10)).toEqual(['u03']);
    await p.setObjectStatus('app-2', 'user', 'u04', 'failed', { code: 'Timeout', message: 't' }, T1);
    expect(await p.listObjectIdsWithStatus('app-2', 'user', 'failed', 10)).toEqual(['u03', 'u04']);
    expect((await p.getObjects('app-2', 'user', ['u04'])).get('u04')).toMatchObject({
      status: 'failed',
      targetId: 't-u04',
      values: { userName: 'u04@example.com', active: true },
      detail: { code: 'Timeout', message: 't' },
    });
    await p.setObjectStatus('app-2', 'user', 'u04', 'active', undefined, T1);
    await p.deleteObjects('app-2', 'user', ['u00', 'u01']);
    expect((await p.countObjects('app-2', 'user')).active).toBe(22);
    await p.clearJobState('app-2');
    expect((await p.countObjects('app-2', 'user')).active).toBe(0);
  });

  it('records memberships idempotently and forgets them by group, member or both', async () => {
    const p = store.provisioning;
    await p.addMemberships('app-3', 'g1', ['u1', 'u2', 'u3']);
    await p.addMemberships('app-3', 'g1', ['u3', 'u4']);
    await p.addMemberships('app-3', 'g2', ['u1']);
    expect([...(await p.getMemberships('app-3', 'g1'))].sort()).toEqual(['u1', 'u2', 'u3', 'u4']);
    expect([...(await p.getMemberships('app-3', 'g1', ['u2', 'u9']))]).toEqual(['u2']);
    await p.removeMemberships('app-3', 'g1', ['u2']);
    await p.removeMembershipsOf('app-3', ['u1']);
    expect([...(await p.getMemberships('app-3', 'g1'))].sort()).toEqual(['u3', 'u4']);
    expect((await p.getMemberships('app-3', 'g2')).size).toBe(0);
    await p.removeMembershipsOf('app-3', ['g1']);
    expect((await p.getMemberships('app-3', 'g1')).size).toBe(0);
  });

  it('writes batches of any size (a page of shadow rows, a large membership batch) and upserts within them', async () => {
    const p = store.provisioning;
    const ids = Array.from({ length: 237 }, (_, i) => `b${String(i).padStart(3, '0')}`);
    const row = (id: string, n: number) => ({
      applicationId: 'app-5',
      objectType: 'user' as const,
      sourceId: id,
      targetId: n === 0 ? undefined : `t-${id}-${n}`,
      status: 'active' as const,
      values: { userName: `${id}@example.com`, n },
      detail: n === 2 ? { code: 'C', message: 'm' } : undefined,
    });
    await p.putObjects(
      ids.map((id) => row(id, 0)),
      T0,
    );
    await p.putObjects(
      ids.slice(5, 128).map((id) => row(id, 2)),
      T1,
    );
    const all = await p.getObjects('app-5', 'user', ids);
    expect(all.size).toBe(237);
    expect(all.get('b004')).toEqual({ ...row('b004', 0), updatedAt: T0 });
    expect(all.get('b005')).toEqual({ ...row('b005', 2), updatedAt: T1 });
    expect(all.get('b127')).toEqual({ ...row('b127', 2), updatedAt: T1 });
    expect(all.get('b236')).toEqual({ ...row('b236', 0), updatedAt: T0 });
    await p.addMemberships('app-5', 'g', ids);
    await p.addMemberships('app-5', 'g', ids.slice(100, 213));
    expect([...(await p.getMemberships('app-5', 'g'))].sort()).toEqual(ids);
    await p.clearJobState('app-5');
  });

  it('keeps cycle history newest first and updates a cycle in place', async () => {
    const p = store.provisioning;
    await p.putCycle({
      id: 'c1',
      applicationId: 'app-4',
      kind: 'initial',
      startedAt: T0,
      finishedAt: undefined,
      summary: {},
    });
    await p.putCycle({
      id: 'c1',
      applicationId: 'app-4',
      kind: 'initial',
      startedAt: T0,
      finishedAt: T0,
      summary: { created: 3 },
    });
    await p.putCycle({
      id: 'c2',
      applicationId: 'app-4',
      kind: 'incremental',
      startedAt: T1,
      finishedAt: T1,
      summary: { created: 0 },
    });
    const cycles = await p.listCycles('app-4', 10);
    expect(cycles.map((c) => [c.id, c.finishedAt, c.summary])).toEqual([
      ['c2', T1, { created: 0 }],
      ['c1', T0, { created: 3 }],
    ]);
  });
});
