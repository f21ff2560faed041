import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../store/testing/index.js';
import { createScimTestApp, type ScimTestApp, type TestTenant } from './testing/scim-test-app.js';
import { spyOnStore, type StoreCall } from './testing/store-spy.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function json(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

async function createUser(tenant: TestTenant, userName: string): Promise<string> {
  const response = await tenant.request('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName } });
  expect(response.statusCode, response.body).toBe(201);
  return (json(response) as { id: string }).id;
}

async function createGroup(tenant: TestTenant, displayName: string, members: string[] = []): Promise<string> {
  const response = await tenant.request('POST', '/Groups', {
    body: {
      schemas: [GROUP_SCHEMA, 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'],
      displayName,
      ...(members.length === 0 ? {} : { members: members.map((value) => ({ value })) }),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return (json(response) as { id: string }).id;
}

function patch(operations: unknown[]): { schemas: string[]; Operations: unknown[] } {
  return { schemas: [PATCH_OP], Operations: operations };
}

async function memberIds(tenant: TestTenant, groupId: string): Promise<string[]> {
  const group = json(await tenant.request('GET', `/Groups/${groupId}`)) as { members?: { value: string }[] };
  return (group.members ?? []).map((m) => m.value).sort();
}

describe.each(testEngines())('SCIM /Groups on %s', (engine) => {
  let t: ScimTestApp;
  let calls: StoreCall[];
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createScimTestApp(engine, {
      wrapStore: (store) => {
        const spy = spyOnStore(store);
        calls = spy.calls;
        return spy.store;
      },
    });
    tenant = await t.newTenant();
  });
  afterAll(async () => t.close());

  it('creates a group with user and group members; members carry value, display, $ref, type', async () => {
    const alice = await createUser(tenant, 'alice');
    const inner = await createGroup(tenant, 'Inner');
    const response = await tenant.request('POST', '/Groups', {
      body: {
        schemas: [GROUP_SCHEMA],
        displayName: 'Outer',
        members: [{ value: alice, display: 'Alice' }, { value: inner }],
      },
    });
    expect(response.statusCode).toBe(201);
    const group = json(response) as { id: string; members: unknown[] };
    expect(group.members).toEqual(
      expect.arrayContaining([
        { value: alice, display: 'Alice', $ref: `${tenant.baseUrl}/Users/${alice}`, type: 'User' },
        { value: inner, $ref: `${tenant.baseUrl}/Groups/${inner}`, type: 'Group' },
      ]),
    );
    const user = json(await tenant.request('GET', `/Users/${alice}`));
    expect(user['groups']).toEqual([
      { value: group.id, display: 'Outer', $ref: `${tenant.baseUrl}/Groups/${group.id}`, type: 'direct' },
    ]);
  });

  it('rejects duplicate displayNames (409), unknown members and self-membership (400)', async () => {
    const id = await createGroup(tenant, 'Unique');
    const duplicate = await tenant.request('POST', '/Groups', {
      body: { schemas: [GROUP_SCHEMA], displayName: 'Unique' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(json(duplicate)['scimType']).toBe('uniqueness');
    const unknown = await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'add', path: 'members', value: [{ value: 'ghost-1' }] }]),
    });
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown)).toMatchInlineSnapshot(`
      {
        "detail": "members: "ghost-1" is not a user or group of this directory",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidValue",
        "status": "400",
      }
    `);
    const self = await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'add', path: 'members', value: [{ value: id }] }]),
    });
    expect(self.statusCode).toBe(400);
    expect(json(self)['detail']).toContain('cannot be a member of itself');
  });

  it('adds, removes (filter and value forms), replaces and clears members with PATCH; 204 with ETag', async () => {
    const [u1, u2, u3] = [
      await createUser(tenant, 'm1'),
      await createUser(tenant, 'm2'),
      await createUser(tenant, 'm3'),
    ];
    const id = await createGroup(tenant, 'Patched');
    const added = await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'Add', path: 'members', value: [{ value: u1 }, { value: u2 }, { value: u3 }] }]),
    });
    expect(added.statusCode).toBe(204);
    expect(added.headers['etag']).toBe('W/"2"');
    expect(await memberIds(tenant, id)).toEqual([u1, u2, u3].sort());
    await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'Remove', path: `members[value eq "${u1}"]` }]),
    });
    await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'remove', path: 'members', value: [{ value: u2 }] }]),
    });
    expect(await memberIds(tenant, id)).toEqual([u3]);
    await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([
        { op: 'replace', path: 'members', value: [{ value: u1 }] },
        { op: 'replace', path: 'displayName', value: 'Renamed' },
      ]),
    });
    expect(await memberIds(tenant, id)).toEqual([u1]);
    expect(json(await tenant.request('GET', `/Groups/${id}`))['displayName']).toBe('Renamed');
    const cleared = await tenant.request('PATCH', `/Groups/${id}?attributes=displayName,members`, {
      body: patch([{ op: 'remove', path: 'members' }]),
    });
    expect(cleared.statusCode).toBe(200);
    expect(json(cleared)).not.toHaveProperty('members');
    expect(await memberIds(tenant, id)).toEqual([]);
  });

  it('falls back to the loaded group for other member filters', async () => {
    const u1 = await createUser(tenant, 'fallback-1');
    const id = await createGroup(tenant, 'Fallback', [u1]);
    const response = await tenant.request('PATCH', `/Groups/${id}`, {
      body: patch([{ op: 'remove', path: `members[type eq "User" and value eq "${u1}"]` }]),
    });
    expect(response.statusCode, response.body).toBe(204);
    expect(await memberIds(tenant, id)).toEqual([]);
  });

  it('adds one member to a 5,000-member group without reading the members', async () => {
    const ids: string[] = [];
    await t.store.transaction(async (store) => {
      for (let i = 0; i < 5000; i++) {
        const id = `big-${i}`;
        ids.push(id);
        const at = new Date().toISOString();
        await store.users.insert(
          tenant.tenantId,
          { id, data: { schemas: [USER_SCHEMA], userName: `big${i}` }, created: at },
          { lastModified: at },
        );
      }
    });
    const groupId = await createGroup(tenant, 'Big', ids);
    const newcomer = await createUser(tenant, 'newcomer');
    calls.length = 0;
    const response = await tenant.request('PATCH', `/Groups/${groupId}`, {
      body: patch([{ op: 'add', path: 'members', value: [{ value: newcomer }] }]),
    });
    expect(response.statusCode).toBe(204);
    const groupCalls = calls.filter((c) => c.area === 'groups');
    expect(groupCalls.map((c) => c.method)).toEqual(['get', 'updateMembers']);
    expect(groupCalls[0]?.args[2]).toEqual({ members: false });
    expect(groupCalls[1]?.args[2]).toEqual({ add: [{ value: newcomer, type: 'User' }] });
    const users = calls.filter((c) => c.area === 'users');
    expect(users.map((c) => [c.method, c.args[1]])).toEqual([['existing', [newcomer]]]);

    calls.length = 0;
    const slim = await tenant.request(
      'GET',
      `/Groups?excludedAttributes=members&filter=${encodeURIComponent('displayName eq "Big"')}`,
    );
    expect(json(slim)).toMatchObject({ totalResults: 1, Resources: [{ id: groupId, displayName: 'Big' }] });
    expect(calls.find((c) => c.method === 'query')?.args[1]).toMatchObject({ members: false });
    calls.length = 0;
    const one = await tenant.request('GET', `/Groups/${groupId}?excludedAttributes=members`);
    expect(json(one)).not.toHaveProperty('members');
    expect(calls.filter((c) => c.area === 'groups').map((c) => c.args[2])).toEqual([{ members: false }]);
  });

  it('loses no member when 20 clients add members to one group at once', async () => {
    const groupId = await createGroup(tenant, 'Concurrent');
    const users = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(tenant, `concurrent-${i}`)),
    );
    const responses = await Promise.all(
      users.map((value) =>
        tenant.request('PATCH', `/Groups/${groupId}`, {
          body: patch([{ op: 'add', path: 'members', value: [{ value }] }]),
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(users.map(() => 204));
    expect(await memberIds(tenant, groupId)).toEqual([...users].sort());
  });

  it('writes concurrent member PATCHes of one group together, in order, each audited', async () => {
    const users = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createUser(tenant, `coalesced-${i}`)),
    );
    // Four members to start with, removed by four of the requests while the other 16 add one each.
    const groupId = await createGroup(tenant, 'Coalesced', users.slice(16));
    const bodies = users.map((value, i) =>
      i >= 16
        ? patch([{ op: 'remove', path: `members[value eq "${value}"]` }])
        : patch([{ op: 'add', path: 'members', value: [{ value }] }]),
    );
    const responses = await Promise.all(
      bodies.map((body) => tenant.request('PATCH', `/Groups/${groupId}`, { body })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(users.map(() => 204));
    const kept = users.slice(0, 16);
    const group = json(await tenant.request('GET', `/Groups/${groupId}`)) as {
      members?: { value: string }[];
      meta: { version: string };
    };
    expect((group.members ?? []).map((m) => m.value).sort()).toEqual([...kept].sort());
    // Fewer versions than requests: some were written together; the last ones answer with the final ETag.
    const version = Number(/W\/"(\d+)"/.exec(group.meta.version)?.[1]);
    expect(version).toBeGreaterThan(1);
    expect(version).toBeLessThan(1 + responses.length);
    expect(responses.map((r) => r.headers.etag)).toContain(group.meta.version);
    const audit = await t.store.audit.list(tenant.tenantId, { limit: 1_000 });
    const patches = audit.filter((entry) => entry.action === 'group.patch' && entry.resourceId === groupId);
    expect(patches).toHaveLength(20);
    expect(patches.filter((entry) => entry.detail?.['membersRemoved'] === 1)).toHaveLength(4);
  });

  it('replaces a group with PUT, members included; DELETE then 404', async () => {
    const u1 = await createUser(tenant, 'put-member');
    const id = await createGroup(tenant, 'PutMe', [u1]);
    const replaced = await tenant.request('PUT', `/Groups/${id}`, {
      body: { schemas: [GROUP_SCHEMA], displayName: 'PutMe 2' },
      headers: { 'if-match': 'W/"1"' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(json(replaced)).toMatchObject({ displayName: 'PutMe 2', meta: { version: 'W/"2"' } });
    expect(await memberIds(tenant, id)).toEqual([]);
    expect((await tenant.request('DELETE', `/Groups/${id}`)).statusCode).toBe(204);
    expect((await tenant.request('GET', `/Groups/${id}`)).statusCode).toBe(404);
    expect(json(await tenant.request('GET', `/Users/${u1}`))).not.toHaveProperty('groups');
  });
});
