/**
 * Replays, in order, the Group requests of Microsoft's SCIM tutorial (requests.ts, TUTORIAL →
 * Group Operations) and asserts what the Entra provisioning service relies on in each answer.
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
  fill,
  GET_GROUP,
  GET_GROUP_BY_DISPLAY_NAME,
  UPDATE_GROUP_ADD_MEMBERS,
  UPDATE_GROUP_NON_MEMBER,
  UPDATE_GROUP_REMOVE_MEMBERS,
} from './requests.js';

const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const RENAMED = '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName';

describe.each(testEngines())('Entra tutorial, group operations (%s)', (engine) => {
  let server: TestServer;
  let scim: ScimSession;
  let groupId = '';
  let userId = '';
  const forGroup = (request: Parameters<typeof fill>[0]) =>
    fill(request, {
      '40734ae655284ad3abcc': groupId,
      fa2ce26709934589afc5: groupId,
      a99962b9f99d4c4fac67: groupId,
      cdb1ce18f65944079d37: groupId,
      f648f8d5ea4e4cd38e9c: userId,
    });
  const members = async (): Promise<unknown[]> => {
    const answer = await scim.get(`/Groups/${groupId}`);
    expect(answer.status).toBe(200);
    return (expectScimJson(answer).members ?? []) as unknown[];
  };

  beforeAll(async () => {
    server = await createTestServer(engine);
    const tenant = await server.createTenant();
    scim = new ScimSession(server.app, tenant);
    const user = await scim.send(CREATE_USER);
    expect(user.status).toBe(201);
    userId = user.body?.id as string;
  });
  afterAll(async () => {
    await server.close();
  });

  it('Create Group: 201 despite the extra Microsoft schema URI, with no members', async () => {
    const answer = await scim.send(CREATE_GROUP);
    expect(answer.status).toBe(201);
    const group = expectScimJson(answer);
    groupId = group.id as string;
    expect(typeof group.id).toBe('string');
    expect(group.schemas).toContain(GROUP_SCHEMA);
    expect(group).toMatchObject({
      externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
      displayName: 'displayName',
      meta: { resourceType: 'Group' },
    });
    expect(group.members ?? []).toEqual([]);
  });

  it('Create Group again: 409 uniqueness on displayName', async () => {
    expectScimError(await scim.send(CREATE_GROUP), 409, 'uniqueness');
  });

  it('Get Group with excludedAttributes=members: 200 without a members attribute', async () => {
    const answer = await scim.send(forGroup(GET_GROUP));
    expect(answer.status).toBe(200);
    const group = expectScimJson(answer);
    expect(group).toMatchObject({ id: groupId, displayName: 'displayName' });
    expect(group).not.toHaveProperty('members');
  });

  it('Get Group by displayName: a ListResponse of one group, members excluded', async () => {
    const [group] = expectListResponse(await scim.send(GET_GROUP_BY_DISPLAY_NAME), 1);
    expect(group).toMatchObject({ id: groupId, displayName: 'displayName' });
    expect(group).not.toHaveProperty('members');
    const none = fill(GET_GROUP_BY_DISPLAY_NAME, { '"displayName"': '"no such group"' });
    expectListResponse(await scim.send(none), 0);
  });

  it('Update Group [Non-member attributes]: 200 or 204, and the new name sticks', async () => {
    expectPatchAccepted(await scim.send(forGroup(UPDATE_GROUP_NON_MEMBER)));
    const renamed = await scim.get(`/Groups?excludedAttributes=members&filter=displayName eq "${RENAMED}"`);
    expect(expectListResponse(renamed, 1)[0]?.id).toBe(groupId);
    expectListResponse(await scim.send(GET_GROUP_BY_DISPLAY_NAME), 0);
  });

  it('Update Group [Add Members]: the user becomes a member ("$ref": null accepted)', async () => {
    expectPatchAccepted(await scim.send(forGroup(UPDATE_GROUP_ADD_MEMBERS)));
    expect(await members()).toEqual([expect.objectContaining({ value: userId })]);
    const user = expectScimJson(await scim.get(`/Users/${userId}`));
    expect(user.groups).toEqual([expect.objectContaining({ value: groupId, display: RENAMED })]);
    // Entra re-sends an add it is unsure of: adding an existing member changes nothing.
    expectPatchAccepted(await scim.send(forGroup(UPDATE_GROUP_ADD_MEMBERS)));
    expect(await members()).toHaveLength(1);
  });

  it('Update Group [Remove Members]: the member is gone', async () => {
    expectPatchAccepted(await scim.send(forGroup(UPDATE_GROUP_REMOVE_MEMBERS)));
    expect(await members()).toEqual([]);
    const user = expectScimJson(await scim.get(`/Users/${userId}`));
    expect(user.groups ?? []).toEqual([]);
  });

  it('Delete Group: 204, then 404; the member user is untouched', async () => {
    expectPatchAccepted(await scim.send(forGroup(UPDATE_GROUP_ADD_MEMBERS)));
    const answer = await scim.send(forGroup(DELETE_GROUP));
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    expectScimError(await scim.send(forGroup(GET_GROUP)), 404);
    const user = await scim.get(`/Users/${userId}`);
    expect(user.status).toBe(200);
    expect(expectScimJson(user).groups ?? []).toEqual([]);
  });
});
