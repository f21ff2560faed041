import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, testEngines, type TestStore } from '../store/testing/index.js';
import { DirectoryService } from './directory-service.js';
import type { DirectoryErrorCode } from './errors.js';

let n = 0;
const upn = (name = 'user') => `${name}${++n}@Example.com`;

async function expectCode(
  work: Promise<unknown>,
  code: DirectoryErrorCode,
  params?: Record<string, unknown>,
) {
  await expect(work).rejects.toMatchObject({
    name: 'DirectoryError',
    code,
    ...(params === undefined ? {} : { params }),
  });
}

describe.each(testEngines())('DirectoryService (%s)', (engine) => {
  let test: TestStore;
  let directory: DirectoryService;
  beforeAll(async () => {
    test = await openTestStore(engine);
    directory = new DirectoryService(test.store, { clock: { now: () => new Date('2024-05-01T12:00:00Z') } });
  });
  afterAll(async () => {
    await test.dispose();
  });

  it('creates users with a GUID id, defaults and the Graph shape', async () => {
    const name = upn('ada');
    const user = await directory.createUser({
      userPrincipalName: name,
      givenName: 'Ada',
      businessPhones: ['1'],
    });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(directory.toGraphUser(user)).toEqual({
      id: user.id,
      userPrincipalName: name,
      givenName: 'Ada',
      businessPhones: ['1'],
      accountEnabled: true,
      createdDateTime: '2024-05-01T12:00:00.000Z',
    });
    const id = '6e1c3f0e-93b4-4d1c-8f7a-2f8f3c1b9a10';
    const kept = await directory.createUser({
      id,
      userPrincipalName: upn(),
      createdDateTime: '2020-01-01T00:00:00Z',
    });
    expect(kept).toMatchObject({ id, createdDateTime: '2020-01-01T00:00:00.000Z' });
    await expectCode(
      directory.createUser({ id, userPrincipalName: upn() }),
      'SCIMSYNC_ERR_DIRECTORY_ID_TAKEN',
    );
    await expectCode(
      directory.createUser({ userPrincipalName: upn(), shoeSize: 9 }),
      'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE',
      {
        objectType: 'user',
        attribute: 'shoeSize',
      },
    );
  });

  it('keeps userPrincipalName unique case-insensitively, also while a user is in the recycle bin', async () => {
    const name = upn('grace');
    const user = await directory.createUser({ userPrincipalName: name });
    await expectCode(
      directory.createUser({ userPrincipalName: name.toUpperCase() }),
      'SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN',
      {
        userPrincipalName: name.toUpperCase(),
      },
    );
    const other = await directory.createUser({ userPrincipalName: upn() });
    await expectCode(
      directory.updateUser(other.id, { userPrincipalName: name.toLowerCase() }),
      'SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN',
    );
    await directory.deleteUser(name);
    await expectCode(directory.createUser({ userPrincipalName: name }), 'SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN');
    await directory.purgeUser(user.id);
    expect((await directory.createUser({ userPrincipalName: name })).id).not.toBe(user.id);
  });

  it('updates partially by id or UPN: values replace, null clears, manager by UPN', async () => {
    const boss = await directory.createUser({ userPrincipalName: upn('boss') });
    const name = upn('emp');
    const user = await directory.createUser({ userPrincipalName: name, city: 'Oslo', department: 'Sales' });
    const updated = await directory.updateUser(name.toUpperCase(), {
      city: null,
      surname: 'Smith',
      accountEnabled: 'false',
      manager: String(boss.attributes.userPrincipalName),
    });
    expect(updated.attributes).toEqual({
      userPrincipalName: name,
      department: 'Sales',
      surname: 'Smith',
      accountEnabled: false,
    });
    expect(updated.managerId).toBe(boss.id);
    expect(directory.toGraphUser(updated).manager).toBe(boss.id);
    expect((await directory.updateUser(user.id, { manager: null })).managerId).toBeUndefined();
    await expectCode(
      directory.updateUser(user.id, { manager: user.id }),
      'SCIMSYNC_ERR_DIRECTORY_MANAGER_NOT_FOUND',
    );
    await expectCode(
      directory.updateUser(user.id, { manager: 'ghost@example.com' }),
      'SCIMSYNC_ERR_DIRECTORY_MANAGER_NOT_FOUND',
    );
    await expectCode(
      directory.updateUser(user.id, { id: boss.id }),
      'SCIMSYNC_ERR_DIRECTORY_READ_ONLY_ATTRIBUTE',
    );
    await expectCode(
      directory.updateUser(user.id, { userPrincipalName: null }),
      'SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE',
    );
    await expectCode(
      directory.updateUser('nobody@example.com', { city: 'x' }),
      'SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND',
      {
        user: 'nobody@example.com',
      },
    );
  });

  it('soft-deletes to the recycle bin, restores and purges', async () => {
    const name = upn('bin');
    const user = await directory.createUser({ userPrincipalName: name });
    await directory.deleteUser(name);
    expect(await directory.getUser(name)).toBeUndefined();
    expect(await directory.getUser(user.id, { includeDeleted: true })).toMatchObject({
      deletedDateTime: '2024-05-01T12:00:00.000Z',
    });
    expect((await directory.listDeletedUsers({ limit: 1000 })).items.map((u) => u.id)).toContain(user.id);
    expect((await directory.listUsers({ limit: 1000 })).items.map((u) => u.id)).not.toContain(user.id);
    await expectCode(directory.deleteUser(name), 'SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND');
    expect(await directory.restoreUser(name)).toMatchObject({ id: user.id, deletedDateTime: undefined });
    await expectCode(directory.restoreUser(name), 'SCIMSYNC_ERR_DIRECTORY_USER_NOT_DELETED');
    await directory.purgeUser(name);
    expect(await directory.getUser(user.id, { includeDeleted: true })).toBeUndefined();
    await expectCode(directory.purgeUser(user.id), 'SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND');
  });

  it('finds groups by id or unambiguous name, nests them and refuses cycles', async () => {
    const sales = await directory.createGroup({ displayName: `Sales ${++n}` });
    expect(directory.toGraphGroup(sales)).toMatchObject({ displayName: `Sales ${n}`, securityEnabled: true });
    const emea = await directory.createGroup({ displayName: `EMEA ${++n}`, description: 'd' });
    const user = await directory.createUser({ userPrincipalName: upn('member') });
    await directory.addMember(
      String(sales.attributes.displayName).toUpperCase(),
      String(user.attributes.userPrincipalName),
    );
    await directory.addMember(sales.id, { id: emea.id, type: 'group' });
    await directory.addMember(sales.id, user.id);
    expect((await directory.listMembers(sales.id, { limit: 10 })).items).toEqual(
      [
        { id: user.id, type: 'user' },
        { id: emea.id, type: 'group' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    await expectCode(directory.addMember(emea.id, sales.id), 'SCIMSYNC_ERR_DIRECTORY_MEMBERSHIP_CYCLE');
    await expectCode(directory.addMember(sales.id, sales.id), 'SCIMSYNC_ERR_DIRECTORY_MEMBERSHIP_CYCLE');
    await expectCode(
      directory.addMember(sales.id, 'ghost@example.com'),
      'SCIMSYNC_ERR_DIRECTORY_MEMBER_NOT_FOUND',
    );
    await directory.removeMember(sales.id, String(user.attributes.userPrincipalName));
    await expectCode(directory.removeMember(sales.id, user.id), 'SCIMSYNC_ERR_DIRECTORY_NOT_A_MEMBER');
    const twin = `Twin ${++n}`;
    await directory.createGroup({ displayName: twin });
    await directory.createGroup({ displayName: twin.toLowerCase() });
    await expectCode(directory.getGroup(twin), 'SCIMSYNC_ERR_DIRECTORY_GROUP_AMBIGUOUS', {
      group: twin,
      count: 2,
    });
    const renamed = await directory.updateGroup(emea.id, { displayName: `Europe ${n}`, description: null });
    expect(renamed.attributes).toEqual({ displayName: `Europe ${n}`, securityEnabled: true });
    await expectCode(
      directory.updateGroup(emea.id, { displayName: '' }),
      'SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE',
    );
    await directory.deleteGroup(emea.id);
    expect(await directory.getGroup(emea.id)).toBeUndefined();
    await expectCode(directory.deleteGroup(emea.id), 'SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND');
  });

  it('assigns users and groups to applications idempotently, by role value or default access', async () => {
    const app = await directory.createApplication({
      name: `Jira ${++n}`,
      appRoles: [{ value: 'admin' }, { value: 'user', displayName: 'User' }],
    });
    expect(app.appRoles.map((r) => [r.value, r.displayName])).toEqual([
      ['admin', 'admin'],
      ['user', 'User'],
    ]);
    await expectCode(
      directory.createApplication({ name: app.name.toUpperCase() }),
      'SCIMSYNC_ERR_DIRECTORY_APPLICATION_NAME_TAKEN',
    );
    await expectCode(
      directory.createApplication({ name: ' ' }),
      'SCIMSYNC_ERR_DIRECTORY_INVALID_APPLICATION',
    );
    const user = await directory.createUser({ userPrincipalName: upn('assignee') });
    const group = await directory.createGroup({ displayName: `Assigned ${++n}` });
    const first = await directory.assign(
      app.name,
      { user: String(user.attributes.userPrincipalName) },
      'ADMIN',
    );
    expect(await directory.assign(app.id, { user: user.id }, 'admin')).toEqual(first);
    const byGroup = await directory.assign(app.name, { group: String(group.attributes.displayName) });
    expect(byGroup).toMatchObject({
      principalType: 'group',
      appRoleId: '00000000-0000-0000-0000-000000000000',
    });
    expect((await directory.listAssignments(app.name, { limit: 10 })).items).toHaveLength(2);
    await expectCode(
      directory.assign(app.id, { user: user.id }, 'owner'),
      'SCIMSYNC_ERR_DIRECTORY_APP_ROLE_NOT_FOUND',
    );
    await expectCode(
      directory.assign(app.id, { user: user.id, group: group.id }),
      'SCIMSYNC_ERR_DIRECTORY_INVALID_PRINCIPAL',
    );
    await expectCode(
      directory.assign('No such app', { user: user.id }),
      'SCIMSYNC_ERR_DIRECTORY_APPLICATION_NOT_FOUND',
    );
    expect(await directory.unassign(app.id, { user: user.id })).toBe(1);
    expect(
      await directory.unassign(app.id, { group: group.id }, '00000000-0000-0000-0000-000000000000'),
    ).toBe(1);
    expect(await directory.getApplication(app.name.toLowerCase())).toEqual(app);
    expect((await directory.listApplications()).map((a) => a.id)).toContain(app.id);
  });
});
