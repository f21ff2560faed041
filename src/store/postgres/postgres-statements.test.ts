import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFound, UniquenessConflict, VersionConflict } from '../errors.js';
import type { Store } from '../store.js';
import type { Socket } from 'node:net';
import pg from 'pg';
import { openTestStore, testDatabaseUrl, testEngines, type TestStore } from '../testing/index.js';
import { nameStatement, PIPELINED_CLIENTS, prepareClient } from './postgres-statements.js';

const T0 = '2026-01-01T00:00:00.000Z';
const T1 = '2026-01-02T00:00:00.000Z';
let counter = 0;

/**
 * What pipelining and the one-statement member update must not change: errors of deferred
 * statements still fail their transaction with the store's error, and member updates keep
 * their version semantics.
 */
describe.skipIf(!testEngines().includes('postgres'))('PostgreSQL statements (pipelined, named)', () => {
  let test: TestStore;
  let store: Store;
  beforeAll(async () => {
    test = await openTestStore('postgres');
    store = test.store;
  });
  afterAll(() => test.dispose());

  async function tenant(): Promise<string> {
    const id = `t-${++counter}`;
    await store.tenants.create({ id, name: id, createdAt: T0, verifiedDomains: [] });
    return id;
  }
  const audit = (tenantId: string) => ({ tenantId, at: T0, actor: 'key:k', action: 'user.create' });
  const userData = (userName: string) => ({ userName, emails: [{ value: `${userName}@x.example` }] });

  it('fails the transaction when a deferred audit entry fails, with the next statement’s error', async () => {
    const tenantId = await tenant();
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append(audit('no-such-tenant'));
        await tx.users.insert(tenantId, { id: 'u1', data: userData('a'), created: T0 }, { lastModified: T0 });
      }),
    ).rejects.toBeInstanceOf(NotFound);
    expect(await store.users.get(tenantId, 'u1')).toBeUndefined();
    expect(await store.audit.list(tenantId, { limit: 10 })).toEqual([]);
  });

  it('fails the commit when the deferred audit entry is the last statement', async () => {
    await expect(store.transaction((tx) => tx.audit.append(audit('no-such-tenant')))).rejects.toThrow();
    // The connection is usable afterwards.
    const tenantId = await tenant();
    await store.transaction((tx) => tx.audit.append(audit(tenantId)));
    expect(await store.audit.list(tenantId, { limit: 10 })).toHaveLength(1);
  });

  it('rolls back a deferred audit entry with the transaction, keeping the thrown error', async () => {
    const tenantId = await tenant();
    const failure = new Error('domain failure');
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append(audit(tenantId));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await store.audit.list(tenantId, { limit: 10 })).toEqual([]);
  });

  it('explains a conflict of the statement sent after a deferred audit entry', async () => {
    const tenantId = await tenant();
    await store.users.insert(
      tenantId,
      { id: 'u1', data: userData('same'), created: T0 },
      { lastModified: T0 },
    );
    await expect(
      store.transaction(async (tx) => {
        await tx.audit.append(audit(tenantId));
        await tx.users.insert(
          tenantId,
          { id: 'u2', data: userData('SAME'), created: T0 },
          { lastModified: T0 },
        );
      }),
    ).rejects.toBeInstanceOf(UniquenessConflict);
    expect(await store.audit.list(tenantId, { limit: 10 })).toEqual([]);
  });

  it('updates members in one statement with the version semantics of the store', async () => {
    const tenantId = await tenant();
    await store.users.insert(tenantId, { id: 'u1', data: userData('m1'), created: T0 }, { lastModified: T0 });
    await store.users.insert(tenantId, { id: 'u2', data: userData('m2'), created: T0 }, { lastModified: T0 });
    await store.groups.insert(
      tenantId,
      { id: 'g', data: { displayName: 'G' }, created: T0, members: [] },
      { lastModified: T0 },
    );
    const member = (value: string) => ({ value, type: 'User' as const });

    const added = await store.groups.updateMembers(
      tenantId,
      'g',
      { add: [member('u1')] },
      { lastModified: T1 },
    );
    expect(added).toMatchObject({ version: 2, lastModified: T1 });
    // Adding a present member changes nothing: the version stays.
    const same = await store.groups.updateMembers(
      tenantId,
      'g',
      { add: [member('u1')] },
      { lastModified: T1 },
    );
    expect(same.version).toBe(2);
    await expect(
      store.groups.updateMembers(
        tenantId,
        'g',
        { add: [member('u2')] },
        { lastModified: T1, expectedVersion: 1 },
      ),
    ).rejects.toEqual(new VersionConflict(1, 2));
    const swapped = await store.groups.updateMembers(
      tenantId,
      'g',
      { add: [member('u2')], remove: ['u1'] },
      { lastModified: T1, expectedVersion: 2 },
    );
    expect(swapped.version).toBe(3);
    const group = await store.groups.get(tenantId, 'g', { members: true });
    expect(group?.members?.map((m) => m.value)).toEqual(['u2']);
    await expect(
      store.groups.updateMembers(tenantId, 'nope', { add: [member('u1')] }, { lastModified: T1 }),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('lets a transaction update its group again while another waits for it', async () => {
    const tenantId = await tenant();
    await store.groups.insert(
      tenantId,
      { id: 'g', data: { displayName: 'G' }, created: T0, members: [] },
      { lastModified: T0 },
    );
    const add = (value: string) => ({ add: [{ value, type: 'User' as const }] });
    const started = performance.now();
    let firstDone: () => void = () => undefined;
    const firstAdded = new Promise<void>((resolve) => (firstDone = resolve));
    const first = store.transaction(async (tx) => {
      await tx.groups.updateMembers(tenantId, 'g', add('u1'), { lastModified: T1 });
      firstDone();
      // The other transaction now queues for the group and waits in PostgreSQL for this one.
      await new Promise((resolve) => setTimeout(resolve, 100));
      await tx.groups.updateMembers(tenantId, 'g', add('u2'), { lastModified: T1 });
    });
    await firstAdded;
    const second = store.transaction((tx) =>
      tx.groups.updateMembers(tenantId, 'g', add('u3'), { lastModified: T1 }),
    );
    await Promise.all([first, second]);
    // Not held up by the queue's time limit (1 s): the lock holder skipped the queue.
    expect(performance.now() - started).toBeLessThan(900);
    const group = await store.groups.get(tenantId, 'g', { members: true });
    expect(group?.members?.map((m) => m.value)).toEqual(['u1', 'u2', 'u3']);
    expect(group?.version).toBe(4);
  });

  it('loses no member when many adds to one group run at once', async () => {
    const tenantId = await tenant();
    await store.groups.insert(
      tenantId,
      { id: 'g', data: { displayName: 'G' }, created: T0, members: [] },
      { lastModified: T0 },
    );
    const ids = Array.from({ length: 24 }, (_, i) => `u${i}`);
    await Promise.all(
      ids.map((id) =>
        store.transaction(async (tx) => {
          await tx.audit.append(audit(tenantId));
          await tx.groups.updateMembers(
            tenantId,
            'g',
            { add: [{ value: id, type: 'User' }] },
            { lastModified: T1 },
          );
        }),
      ),
    );
    const group = await store.groups.get(tenantId, 'g', { members: true });
    expect(group?.members).toHaveLength(ids.length);
    expect(group?.version).toBe(1 + ids.length);
    expect(await store.audit.list(tenantId, { limit: 100 })).toHaveLength(ids.length);
  });
});

/**
 * Runs `work` on a pg client in pipeline mode, as the store's pool makes them, with a fresh temp
 * table `corked_probe (n int)`; `written()` counts the socket's writes since `work` began.
 */
async function withCountingClient(
  work: (client: pg.Client, written: () => number, probeRows: () => Promise<number>) => Promise<void>,
): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl(), ...PIPELINED_CLIENTS });
  await client.connect();
  try {
    prepareClient(client as unknown as pg.PoolClient);
    await client.query('create temp table corked_probe (n int)');
    const socket = (client as unknown as { connection: { stream: Socket } }).connection.stream;
    let writes = 0;
    const write = socket._write.bind(socket);
    const writev = socket._writev?.bind(socket);
    socket._write = (...args) => {
      writes++;
      write(...args);
    };
    if (writev !== undefined)
      socket._writev = (...args) => {
        writes++;
        writev(...args);
      };
    const probeRows = async () =>
      (await client.query<{ n: number }>('select count(*)::int as n from corked_probe', [])).rows[0]!.n;
    await work(client, () => writes, probeRows);
  } finally {
    await client.end();
  }
}

describe.skipIf(!testEngines().includes('postgres'))('PostgreSQL statements on the socket', () => {
  const insert = `insert into corked_probe (n) values ($1)`;
  beforeAll(() => nameStatement(insert, { resultUnused: true }));

  it('sends begin and result-unused statements in one write with the statement that waits', () =>
    withCountingClient(async (client, written, probeRows) => {
      await client.query('begin', []);
      await client.query(insert, [1]);
      await client.query(insert, [2]);
      const { rows } = await client.query('select sum(n)::int as total from corked_probe where n > $1', [0]);
      expect(rows).toEqual([{ total: 3 }]);
      expect(written()).toBe(1);
      await client.query('commit', []);
      expect(written()).toBe(2);
      expect(await probeRows()).toBe(2);
    }));

  it('sends what it corked by the next turn when no statement waits, and rolls it back on rollback', () =>
    withCountingClient(async (client, written, probeRows) => {
      await client.query('begin', []);
      await client.query(insert, [7]);
      // Nothing else is sent in this turn: the corked statements must leave on their own.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(written()).toBe(1);
      await client.query('rollback', []);
      expect(await probeRows()).toBe(0);
    }));
});
