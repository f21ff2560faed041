/**
 * Replays, in order, the Group requests of Okta's "SCIM 2.0 Protocol Reference" (requests.ts):
 * push a group, read and list it, rename it with a path-less replace that carries the id, change
 * membership (filtered remove + add, then a full replace) and delete it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../src/store/testing/index.js';
import { createTestServer, type TestServer } from '../../support/test-server.js';
import {
  expectListResponse,
  expectPatchAccepted,
  expectScimError,
  expectScimJson,
  ScimSession,
} from '../support/scim-session.js';
import {
  CREATE_GROUP,
  CREATE_USER,
  DELETE_GROUP,
  DOC_GROUP_ID,
  DOC_OTHER_USER_ID,
  DOC_USER_ID,
  fill,
  GET_GROUP,
  LIST_GROUPS,
  RENAME_GROUP,
  REPLACE_MEMBERS,
  UPDATE_MEMBERSHIP,
} from './requests.js';

describe.each(testEngines())('Okta SCIM 2.0 reference, group operations (%s)', (engine) => {
  let server: TestServer;
  let scim: ScimSession;
  const ids = { user: '', other: '', group: '' };
  const withIds = (request: Parameters<typeof fill>[0]) =>
    fill(request, { [DOC_GROUP_ID]: ids.group, [DOC_USER_ID]: ids.user, [DOC_OTHER_USER_ID]: ids.other });
  const memberIds = async (): Promise<string[]> => {
    const answer = await scim.send(withIds(GET_GROUP));
    expect(answer.status).toBe(200);
    return ((expectScimJson(answer).members ?? []) as { value: string }[]).map((m) => m.value).sort();
  };

  beforeAll(async () => {
    server = await createTestServer(engine);
    const tenant = await server.createTenant();
    scim = new ScimSession(server.app, tenant);
    const user = await scim.send(CREATE_USER);
    const other = await scim.send(fill(CREATE_USER, { 'test.user@okta.local': 'other.user@okta.local' }));
    expect([user.status, other.status]).toEqual([201, 201]);
    ids.user = user.body?.id as string;
    ids.other = other.body?.id as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('Create Groups: 201 with an id and no members', async () => {
    const answer = await scim.send(CREATE_GROUP);
    expect(answer.status).toBe(201);
    const group = expectScimJson(answer);
    ids.group = group.id as string;
    expect(group).toMatchObject({ displayName: 'Test SCIMv2', meta: { resourceType: 'Group' } });
    expect(group.members ?? []).toEqual([]);
  });

  it('Retrieve specific Groups and Retrieve Groups: the pushed group', async () => {
    const answer = await scim.send(withIds(GET_GROUP));
    expect(answer.status).toBe(200);
    expect(expectScimJson(answer)).toMatchObject({ id: ids.group, displayName: 'Test SCIMv2' });
    expect(expectListResponse(await scim.send(LIST_GROUPS), 1)[0]).toMatchObject({ id: ids.group });
  });

  it('Update a specific Group name: a path-less replace carrying the unchanged id', async () => {
    expectPatchAccepted(await scim.send(withIds(RENAME_GROUP)));
    const renamed = fill(withIds(RENAME_GROUP), { '"Test SCIMv2"': '"Test SCIMv20"' });
    const answer = await scim.send(renamed);
    expectPatchAccepted(answer);
    if (answer.status === 200)
      expect(answer.body).toMatchObject({ id: ids.group, displayName: 'Test SCIMv20' });
    const read = expectScimJson(await scim.send(withIds(GET_GROUP)));
    expect(read).toMatchObject({ id: ids.group, displayName: 'Test SCIMv20' });
  });

  it('Update specific Group membership: a filtered remove and an add in one request', async () => {
    const addOther = await scim.send({
      method: 'PATCH',
      path: `/Groups/${ids.group}`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'add', path: 'members', value: [{ value: ids.other }] }],
      }),
    });
    expectPatchAccepted(addOther);
    expect(await memberIds()).toEqual([ids.other]);
    expectPatchAccepted(await scim.send(withIds(UPDATE_MEMBERSHIP)));
    expect(await memberIds()).toEqual([ids.user]);
    const user = expectScimJson(await scim.get(`/Users/${ids.user}`));
    expect(user.groups).toEqual([expect.objectContaining({ value: ids.group })]);
  });

  it('Update specific Group membership: a full push with replace', async () => {
    expectPatchAccepted(await scim.send(withIds(REPLACE_MEMBERS)));
    expect(await memberIds()).toEqual([ids.user, ids.other].sort());
  });

  it('Retrieve Groups: pages by startIndex/count in a stable order', async () => {
    for (let i = 0; i < 4; i++) {
      const body = fill(CREATE_GROUP, { 'Test SCIMv2': `Paged group ${i}` });
      expect((await scim.send(body)).status).toBe(201);
    }
    const all = expectListResponse(await scim.send(LIST_GROUPS), 5);
    const first = expectListResponse(await scim.get('/Groups?startIndex=1&count=2'), 5);
    const second = expectListResponse(await scim.get('/Groups?startIndex=3&count=2'), 5);
    const third = expectListResponse(await scim.get('/Groups?startIndex=5&count=2'), 5);
    expect([...first, ...second, ...third].map((g) => g.id)).toEqual(all.map((g) => g.id));
  });

  it('Delete a specific Group: 204, then 404, members keep existing', async () => {
    const answer = await scim.send(withIds(DELETE_GROUP));
    expect(answer.status).toBe(204);
    expectScimError(await scim.send(withIds(GET_GROUP)), 404);
    expectListResponse(await scim.send(LIST_GROUPS), 4);
    expect((await scim.get(`/Users/${ids.user}`)).status).toBe(200);
  });
});
