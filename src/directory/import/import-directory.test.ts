import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DirectoryStore, Store } from '../../store/index.js';
import { openTestStore, testEngines, type TestStore } from '../../store/testing/index.js';
import { importDirectory } from './import-directory.js';
import { DirectoryImportError } from './import-error.js';
import { parseCsvImport } from './parse-csv-import.js';
import { parseJsonImport } from './parse-json-import.js';

const ADA = '11111111-1111-4111-8111-111111111111';
const BOB = '22222222-2222-4222-8222-222222222222';
const ENG = '33333333-3333-4333-8333-333333333333';
const ALL = '44444444-4444-4444-8444-444444444444';

const json = (value: unknown) => parseJsonImport(JSON.stringify(value, null, 2), 'dir.json');

const baseFile = {
  users: [
    // Bob's manager comes later in the file: set once Ada exists.
    { id: BOB, userPrincipalName: 'bob@example.com', surname: 'Builder', manager: 'ada@example.com' },
    { id: ADA, userPrincipalName: 'ada@example.com', surname: 'Lovelace', accountEnabled: true },
  ],
  groups: [
    { id: ALL, displayName: 'All', members: [ENG, BOB] },
    { id: ENG, displayName: 'Engineering', members: [ADA, BOB] },
  ],
};

async function allMembers(directory: DirectoryStore, groupId: string): Promise<string[]> {
  const page = await directory.listMembers(groupId, { limit: 100 });
  return page.items.map((m) => `${m.type}:${m.id}`).sort();
}

async function expectFailure(promise: Promise<unknown>): Promise<DirectoryImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DirectoryImportError);
  return error as DirectoryImportError;
}

describe.each(testEngines())('importDirectory on %s', (engine) => {
  let testStore: TestStore;
  let store: Store;

  beforeAll(async () => {
    testStore = await openTestStore(engine, { maxConnections: 2 });
    store = testStore.store;
  });
  afterAll(async () => {
    await testStore?.dispose();
  });
  beforeEach(async () => {
    // A clean directory per test: purge whatever an earlier test left.
    const users = await store.directory.listUsers({ limit: 1000 });
    const deleted = await store.directory.listUsers({ limit: 1000, deleted: true });
    for (const u of [...users.items, ...deleted.items])
      await store.directory.purgeUser(u.id, new Date().toISOString());
    for (const deletedGroups of [false, true]) {
      const groups = await store.directory.listGroups({ limit: 1000, deleted: deletedGroups });
      for (const g of groups.items) await store.directory.purgeGroup(g.id, new Date().toISOString());
    }
  });

  it('creates users, managers, groups and nested memberships from JSON, then is idempotent', async () => {
    const counts = await importDirectory(store, json(baseFile));
    expect(counts).toEqual({
      usersCreated: 2,
      usersUpdated: 0,
      usersDeleted: 0,
      groupsCreated: 2,
      groupsUpdated: 0,
      groupsDeleted: 0,
      membershipsAdded: 4,
      membershipsRemoved: 0,
    });
    const bob = await store.directory.getUser(BOB);
    expect(bob?.managerId).toBe(ADA);
    expect(bob?.attributes).toMatchObject({ userPrincipalName: 'bob@example.com', surname: 'Builder' });
    expect(await allMembers(store.directory, ALL)).toEqual([`group:${ENG}`, `user:${BOB}`].sort());
    expect(await allMembers(store.directory, ENG)).toEqual([`user:${ADA}`, `user:${BOB}`].sort());

    const again = await importDirectory(store, json(baseFile));
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });

  it('creates chains and cycles of new managers', async () => {
    const users = Array.from({ length: 5 }, (_, i) => ({
      userPrincipalName: `chain${i}@example.com`,
      // 0 ← 1 ← 2 (a chain listed bottom-up), 3 ⇄ 4 (a cycle)
      ...(i === 1 || i === 2 ? { manager: `chain${i - 1}@example.com` } : {}),
      ...(i === 3 ? { manager: 'chain4@example.com' } : {}),
      ...(i === 4 ? { manager: 'chain3@example.com' } : {}),
    })).reverse();
    expect(await importDirectory(store, json({ users }))).toMatchObject({ usersCreated: 5 });
    const byUpn = async (n: number) => store.directory.getUserByPrincipalName(`chain${n}@example.com`);
    const ids = await Promise.all([0, 1, 2, 3, 4].map(async (n) => (await byUpn(n))?.id));
    expect((await byUpn(0))?.managerId).toBeUndefined();
    expect((await byUpn(1))?.managerId).toBe(ids[0]);
    expect((await byUpn(2))?.managerId).toBe(ids[1]);
    expect((await byUpn(3))?.managerId).toBe(ids[4]);
    expect((await byUpn(4))?.managerId).toBe(ids[3]);
  });

  it('updates by id and by userPrincipalName, and sets the membership to the file list', async () => {
    await importDirectory(store, json(baseFile));
    const counts = await importDirectory(
      store,
      json({
        users: [{ userPrincipalName: 'ADA@example.com', department: 'Research', surname: null }],
        groups: [{ displayName: 'engineering', members: [ADA] }],
      }),
    );
    expect(counts).toMatchObject({
      usersCreated: 0,
      usersUpdated: 1,
      groupsUpdated: 1,
      membershipsRemoved: 1,
    });
    expect((await store.directory.getGroup(ENG))?.attributes['displayName']).toBe('engineering');
    const ada = await store.directory.getUser(ADA);
    expect(ada?.attributes['department']).toBe('Research');
    expect(ada?.attributes).not.toHaveProperty('surname');
    expect(await allMembers(store.directory, ENG)).toEqual([`user:${ADA}`]);
    // Not in the file, not replaced: Bob stays.
    expect(await store.directory.getUser(BOB)).toBeDefined();
  });

  it('imports CSV users, upserting by userPrincipalName', async () => {
    await importDirectory(store, json(baseFile));
    const csv = parseCsvImport(
      'userPrincipalName,givenName,accountEnabled,businessPhones,manager\r\n' +
        'bob@example.com,Bob,false,+1 555;+1 666,\r\n' +
        '"carol@example.com","Carol, C.",true,,bob@example.com\r\n',
      'users.csv',
    );
    const counts = await importDirectory(store, csv);
    expect(counts).toMatchObject({ usersCreated: 1, usersUpdated: 1, usersDeleted: 0 });
    const bob = await store.directory.getUser(BOB);
    expect(bob?.attributes).toMatchObject({
      givenName: 'Bob',
      accountEnabled: false,
      businessPhones: ['+1 555', '+1 666'],
    });
    expect(bob?.managerId).toBeUndefined();
    const carol = await store.directory.getUserByPrincipalName('carol@example.com');
    expect(carol?.attributes['givenName']).toBe('Carol, C.');
    expect(carol?.managerId).toBe(BOB);
  });

  it('with replace, soft-deletes users and groups the file does not name, and restores ones it does', async () => {
    await importDirectory(store, json(baseFile));
    const onlyAda = {
      users: [baseFile.users[1]],
      groups: [{ id: ENG, displayName: 'Engineering', members: [ADA] }],
    };
    const counts = await importDirectory(store, json(onlyAda), { replace: true });
    expect(counts).toMatchObject({
      usersDeleted: 1,
      groupsDeleted: 1,
      usersUpdated: 0,
      membershipsRemoved: 1,
    });
    expect(await store.directory.getUser(BOB)).toBeUndefined();
    expect((await store.directory.getUser(BOB, { includeDeleted: true }))?.deletedDateTime).toBeDefined();
    expect(await store.directory.getGroup(ALL)).toBeUndefined();

    const back = await importDirectory(
      store,
      parseCsvImport('id,userPrincipalName\n' + BOB + ',bob@example.com\n', 'u.csv'),
      {
        replace: true,
      },
    );
    expect(back).toMatchObject({ usersUpdated: 1, usersDeleted: 1 });
    expect(await store.directory.getUser(BOB)).toBeDefined();
    expect(await store.directory.getUser(ADA)).toBeUndefined();
  });

  it('rejects dangling references with their lines and writes nothing', async () => {
    const error = await expectFailure(
      importDirectory(
        store,
        json({
          users: [{ userPrincipalName: 'ada@example.com', manager: 'nobody@example.com' }],
          groups: [
            { displayName: 'G', members: ['ada@example.com', '55555555-5555-4555-8555-555555555555'] },
          ],
        }),
      ),
    );
    expect(error.issues.map((i) => `${i.line} ${i.location}: ${i.message}`)).toEqual([
      '3 users[0].manager: manager "nobody@example.com" is not a user in this file or the directory',
      '9 groups[0].members[1]: member "55555555-5555-4555-8555-555555555555" is not a user or group in this file or the directory',
    ]);
    expect(await store.directory.countUsers()).toBe(0);
  });

  it('rejects a userPrincipalName that another directory user owns', async () => {
    await importDirectory(store, json(baseFile));
    const error = await expectFailure(
      importDirectory(
        store,
        json({ users: [{ id: ENG.replace('3', '6'), userPrincipalName: 'Ada@example.com' }] }),
      ),
    );
    expect(error.message).toMatch(
      /dir\.json:3: users\[0\]\.userPrincipalName: userPrincipalName "Ada@example.com" belongs to another user/,
    );
  });

  it('rolls back every write when a write fails half-way', async () => {
    const failing = new Proxy(store, {
      get(target, property, receiver) {
        if (property !== 'transaction') return Reflect.get(target, property, receiver) as unknown;
        return <T>(work: (tx: Store) => Promise<T>) =>
          target.transaction((tx) => {
            const directory = new Proxy(tx.directory, {
              get(d, name, r) {
                if (name === 'createGroups') return () => Promise.reject(new Error('disk full'));
                const value = Reflect.get(d, name, r) as unknown;
                return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(d) : value;
              },
            });
            return work(
              new Proxy(tx, {
                get: (t, name, r) =>
                  name === 'directory' ? directory : (Reflect.get(t, name, r) as unknown),
              }),
            );
          });
      },
    });
    await expect(importDirectory(failing, json(baseFile))).rejects.toThrow('disk full');
    expect(await store.directory.countUsers()).toBe(0);
  });
});
