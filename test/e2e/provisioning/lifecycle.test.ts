import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/scim/index.js';
import { testEngines } from '../../../src/store/testing/index.js';
import { byUserName, openHarness, type Harness } from './provisioning-harness.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function user(upn: string, extra: JsonObject = {}): JsonObject {
  const [given, family] = upn.split('@')[0]!.split('.');
  return {
    userPrincipalName: upn,
    mail: upn,
    givenName: given ?? 'x',
    surname: family ?? 'y',
    accountEnabled: true,
    ...extra,
  };
}

describe.each(testEngines())('provisioning lifecycle into scimsync (Atlassian profile, %s)', (engine) => {
  let h: Harness;
  let tenant: Awaited<ReturnType<Harness['newTenant']>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await openHarness(engine);
    tenant = await h.newTenant(['contoso.com']);
    await h.directory.createApplication({ name: 'Atlassian' });
    for (const upn of [
      'ann.lee@contoso.com',
      'bob.ray@contoso.com',
      'cat.kim@contoso.com',
      'erin.fox@contoso.com',
    ]) {
      ids[upn] = (await h.directory.createUser(user(upn, { department: 'Eng' }))).id;
    }
    ids.eng = (await h.directory.createGroup({ displayName: 'Engineering' })).id;
    await h.directory.addMember('Engineering', ids['bob.ray@contoso.com']!);
    await h.directory.assign('Atlassian', { user: ids['ann.lee@contoso.com']! });
    await h.directory.assign('Atlassian', { group: ids.eng });
    const view = await h.provisioning.configure('Atlassian', {
      scimUrl: tenant.url,
      token: tenant.apiKey,
      profile: 'atlassian-cloud',
      scope: 'assigned',
    });
    expect(view.targetSchemaDiscovered).toBe(true);
  });
  afterAll(async () => {
    await h.close();
  });

  it('initial cycle: creates assigned users and groups with members, skips the unassigned', async () => {
    const { summary, events, requests } = await h.sync('Atlassian');
    expect(summary).toMatchObject({ kind: 'initial', created: 3, updated: 0, failed: 0, membersAdded: 1 });
    // Atlassian documents no /Bulk endpoint: one POST per object, though this target has one.
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/Users',
      '/Users',
      '/Groups',
    ]);
    const users = await h.targetUsers(tenant);
    expect(users.map((u) => u.userName).sort()).toEqual(['ann.lee@contoso.com', 'bob.ray@contoso.com']);
    expect(byUserName(users, 'ann.lee@contoso.com')).toMatchObject({
      active: true,
      name: { givenName: 'ann', familyName: 'lee' },
      emails: [{ type: 'work', value: 'ann.lee@contoso.com' }],
    });
    const groups = await h.targetGroups(tenant);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ displayName: 'Engineering', externalId: ids.eng });
    const bob = byUserName(users, 'bob.ray@contoso.com')!;
    expect((groups[0]!.members as JsonObject[]).map((m) => m.value)).toEqual([bob.id]);
    const skipped = events.filter((e) => e.type === 'object' && e.outcome === 'Skipped');
    expect(skipped.map((e) => e.type === 'object' && [e.displayName, e.code])).toEqual(
      expect.arrayContaining([
        ['cat.kim@contoso.com', 'NotEffectivelyEntitled'],
        ['erin.fox@contoso.com', 'NotEffectivelyEntitled'],
      ]),
    );
  });

  it('a cycle with no changes sends no request', async () => {
    const { summary, requests } = await h.sync('Atlassian');
    expect(summary.kind).toBe('incremental');
    expect(summary.requests).toBe(0);
    expect(requests).toEqual([]);
  });

  it('an attribute change and a rename are sent as one PATCH of only what changed', async () => {
    await h.directory.updateUser('ann.lee@contoso.com', {
      surname: 'Leigh',
      userPrincipalName: 'ann.leigh@contoso.com',
    });
    const { summary, requests, events } = await h.sync('Atlassian');
    expect(summary).toMatchObject({ updated: 1, created: 0 });
    expect(requests.map((r) => r.method)).toEqual(['PATCH']);
    const change = events.find((e) => e.type === 'object' && e.action === 'Update');
    expect(change?.type === 'object' && change.changes).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: 'userName', value: 'ann.leigh@contoso.com' },
        { op: 'replace', path: 'name.familyName', value: 'Leigh' },
      ]),
    );
    const ann = byUserName(await h.targetUsers(tenant), 'ann.leigh@contoso.com')!;
    expect(ann.name).toMatchObject({ familyName: 'Leigh' });
  });

  it('membership changes: a new member is provisioned and added; a removed one is removed and disabled', async () => {
    await h.directory.addMember('Engineering', ids['cat.kim@contoso.com']!);
    await h.directory.removeMember('Engineering', ids['bob.ray@contoso.com']!);
    const { summary } = await h.sync('Atlassian');
    expect(summary).toMatchObject({ created: 1, disabled: 1, membersAdded: 1, membersRemoved: 1, failed: 0 });
    const users = await h.targetUsers(tenant);
    const cat = byUserName(users, 'cat.kim@contoso.com')!;
    expect(byUserName(users, 'bob.ray@contoso.com')!.active).toBe(false);
    const group = (await h.targetGroups(tenant))[0]!;
    expect((group.members as JsonObject[]).map((m) => m.value)).toEqual([cat.id]);
  });

  it('disables on accountEnabled false and re-enables when it is true again', async () => {
    await h.directory.updateUser('cat.kim@contoso.com', { accountEnabled: false });
    expect((await h.sync('Atlassian')).summary).toMatchObject({ disabled: 1 });
    expect(byUserName(await h.targetUsers(tenant), 'cat.kim@contoso.com')!.active).toBe(false);
    await h.directory.updateUser('cat.kim@contoso.com', { accountEnabled: true });
    expect((await h.sync('Atlassian')).summary).toMatchObject({ updated: 1 });
    expect(byUserName(await h.targetUsers(tenant), 'cat.kim@contoso.com')!.active).toBe(true);
    const group = (await h.targetGroups(tenant))[0]!;
    expect((group.members as JsonObject[]).length).toBe(1);
  });

  it('disables users that leave a scoping filter (new initial cycle) and enables them when they return', async () => {
    await h.directory.updateUser('cat.kim@contoso.com', { department: 'Sales' });
    await h.provisioning.setScoping('Atlassian', 'users', [
      { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Eng' }] },
    ]);
    const { summary } = await h.sync('Atlassian');
    expect(summary).toMatchObject({ kind: 'initial', disabled: 1, failed: 0 });
    expect(byUserName(await h.targetUsers(tenant), 'cat.kim@contoso.com')!.active).toBe(false);
    await h.directory.updateUser('cat.kim@contoso.com', { department: 'Eng' });
    expect((await h.sync('Atlassian')).summary).toMatchObject({ kind: 'incremental', updated: 1 });
    expect(byUserName(await h.targetUsers(tenant), 'cat.kim@contoso.com')!.active).toBe(true);
  });

  it('matches a user that already exists in the target instead of creating a duplicate', async () => {
    const res = await h.server.app.inject({
      method: 'POST',
      url: `${tenant.scimPath}/Users`,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
      payload: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'ERIN.FOX@contoso.com',
        active: true,
        emails: [{ type: 'work', value: 'erin.fox@contoso.com' }],
      },
    });
    expect(res.statusCode).toBe(201);
    const existingId = res.json<JsonObject>().id;
    await h.directory.assign('Atlassian', { user: ids['erin.fox@contoso.com']! });
    const { summary, requests } = await h.sync('Atlassian');
    expect(summary.created).toBe(0);
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
    const erins = (await h.targetUsers(tenant)).filter(
      (u) => String(u.userName).toLowerCase() === 'erin.fox@contoso.com',
    );
    expect(erins).toHaveLength(1);
    expect(erins[0]!.id).toBe(existingId);
    expect(erins[0]).toMatchObject({ name: { givenName: 'erin', familyName: 'fox' } });
  });

  it('soft delete disables; permanent delete deletes in the target', async () => {
    await h.directory.deleteUser('erin.fox@contoso.com');
    expect((await h.sync('Atlassian')).summary).toMatchObject({ disabled: 1 });
    const erin = byUserName(await h.targetUsers(tenant), 'erin.fox@contoso.com')!;
    expect(erin.active).toBe(false);
    await h.directory.purgeUser(ids['erin.fox@contoso.com']!);
    expect((await h.sync('Atlassian')).summary).toMatchObject({ deleted: 1 });
    expect((await h.scim(tenant, `/Users/${String(erin.id)}`)).status).toBe(404);
  });

  it('does not rename a group on Atlassian by default, and recreates it with its members when asked', async () => {
    await h.directory.updateGroup('Engineering', { displayName: 'R&D' });
    const skipped = await h.sync('Atlassian');
    expect(skipped.summary).toMatchObject({ skipped: 1, updated: 0 });
    expect(skipped.events.some((e) => e.type === 'object' && e.code === 'TargetRenameNotSupported')).toBe(
      true,
    );
    expect((await h.targetGroups(tenant)).map((g) => g.displayName)).toEqual(['Engineering']);
    const oldId = (await h.targetGroups(tenant))[0]!.id;
    await h.provisioning.configure('Atlassian', { options: { renameGroups: 'recreate' } });
    const { summary } = await h.sync('Atlassian');
    expect(summary.failed).toBe(0);
    const groups = await h.targetGroups(tenant);
    expect(groups.map((g) => g.displayName)).toEqual(['R&D']);
    expect(groups[0]!.id).not.toBe(oldId);
    const cat = byUserName(await h.targetUsers(tenant), 'cat.kim@contoso.com')!;
    expect((groups[0]!.members as JsonObject[]).map((m) => m.value)).toEqual([cat.id]);
  });

  it('unassigning a user disables it; the target keeps it', async () => {
    await h.directory.unassign('Atlassian', { user: ids['ann.lee@contoso.com']! });
    expect((await h.sync('Atlassian')).summary).toMatchObject({ disabled: 1 });
    expect(byUserName(await h.targetUsers(tenant), 'ann.leigh@contoso.com')!.active).toBe(false);
  });
});

describe.each(testEngines())('provisioning with the generic SCIM profile (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(engine);
  });
  afterAll(async () => {
    await h.close();
  });

  it('sets manager references to the manager’s target id, even when the report comes first', async () => {
    const tenant = await h.newTenant();
    await h.directory.createApplication({ name: 'Generic' });
    const boss = await h.directory.createUser(
      user('zed.boss@example.com', { jobTitle: 'CEO', mailNickname: 'zed' }),
    );
    await h.directory.createUser(user('amy.report@example.com', { manager: boss.id, mailNickname: 'amy' }));
    await h.provisioning.configure('Generic', { scimUrl: tenant.url, token: tenant.apiKey, scope: 'all' });
    const { summary, requests } = await h.sync('Generic');
    expect(summary).toMatchObject({ created: 2, failed: 0 });
    // Both creations went in one Bulk request, after one read of what the target offers.
    expect(
      requests.filter((r) => r.method === 'POST' || r.path === '/ServiceProviderConfig').map((r) => r.path),
    ).toEqual(['/ServiceProviderConfig', '/Bulk']);
    const users = await h.targetUsers(tenant);
    const zed = byUserName(users, 'zed.boss@example.com')!;
    expect(zed).toMatchObject({ title: 'CEO', externalId: 'zed', active: true });
    expect(byUserName(users, 'amy.report@example.com')![ENTERPRISE]).toMatchObject({
      manager: { value: zed.id },
    });
    const again = await h.sync('Generic');
    expect(again.summary.requests).toBe(0);
  });

  it('sets a manager later, when the manager is provisioned in a later cycle', async () => {
    const tenant = await h.newTenant();
    await h.directory.createApplication({ name: 'Later' });
    const max = await h.directory.createUser(user('max.later@example.com', { accountEnabled: false }));
    await h.directory.createUser(user('rob.report@example.com', { manager: max.id }));
    await h.provisioning.configure('Later', { scimUrl: tenant.url, token: tenant.apiKey, scope: 'all' });
    // The directory also holds the previous test's users (scope all): they are created too.
    expect((await h.sync('Later')).summary).toMatchObject({ created: 3, skipped: 1 });
    let users = await h.targetUsers(tenant);
    expect(byUserName(users, 'rob.report@example.com')![ENTERPRISE]).toBeUndefined();
    await h.directory.updateUser(max.id, { accountEnabled: true });
    const { summary } = await h.sync('Later');
    expect(summary).toMatchObject({ kind: 'incremental', created: 1, updated: 1, failed: 0 });
    users = await h.targetUsers(tenant);
    const maxInTarget = byUserName(users, 'max.later@example.com')!;
    expect(byUserName(users, 'rob.report@example.com')![ENTERPRISE]).toMatchObject({
      manager: { value: maxInTarget.id },
    });
  });

  it('creates through /Bulk when the target offers it, and with bulkCreates off one POST each', async () => {
    const [bulkTenant, plainTenant] = [await h.newTenant(), await h.newTenant()];
    await h.directory.createApplication({ name: 'Bulk' });
    await h.directory.createApplication({ name: 'Plain' });
    for (let i = 0; i < 12; i++)
      await h.directory.createUser(user(`bulk.u${i}@example.com`, { mailNickname: `b${i}` }));
    await h.provisioning.configure('Bulk', {
      scimUrl: bulkTenant.url,
      token: bulkTenant.apiKey,
      scope: 'all',
      options: { pageSize: 5 },
    });
    await h.provisioning.configure('Plain', {
      scimUrl: plainTenant.url,
      token: plainTenant.apiKey,
      scope: 'all',
      options: { pageSize: 5, bulkCreates: 'off' },
    });
    const bulk = await h.sync('Bulk');
    const plain = await h.sync('Plain');
    expect(bulk.summary.failed).toBe(0);
    expect(plain.summary).toMatchObject({ created: bulk.summary.created, failed: 0 });
    const bulkPosts = bulk.requests.filter((r) => r.method === 'POST');
    // A creation that finds no other waiting goes alone as a plain POST; the rest share requests.
    expect(bulkPosts.filter((r) => r.path === '/Bulk').length).toBeGreaterThan(0);
    expect(bulkPosts.length).toBeLessThan(plain.summary.created / 2);
    expect(plain.requests.filter((r) => r.path === '/Bulk' || r.path === '/ServiceProviderConfig')).toEqual(
      [],
    );
    expect(plain.requests.filter((r) => r.method === 'POST')).toHaveLength(plain.summary.created);
    // The same objects, whichever way they were created.
    const shape = (users: JsonObject[]) =>
      users
        .map((u) => ({ userName: u.userName, externalId: u.externalId, active: u.active, emails: u.emails }))
        .sort((a, b) => String(a.userName).localeCompare(String(b.userName)));
    expect(shape(await h.targetUsers(bulkTenant))).toEqual(shape(await h.targetUsers(plainTenant)));
    expect((await h.sync('Bulk')).summary.requests).toBe(0);
  });
});
