/**
 * Replays, in order, the User requests of Microsoft's SCIM tutorial (requests.ts, TUTORIAL →
 * User Operations) and asserts what the Entra provisioning service relies on in each answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../src/store/testing/index.js';
import { createTestServer, type TestServer } from '../../support/test-server.js';
import { expectListResponse, expectScimError, expectScimJson, ScimSession } from '../support/scim-session.js';
import {
  CREATE_USER,
  DELETE_USER,
  DISABLE_USER,
  fill,
  GET_USER,
  GET_USER_BY_QUERY,
  GET_USER_BY_QUERY_ZERO_RESULTS,
  GET_USER_NOT_FOUND,
  UPDATE_USER_MULTI_VALUED,
  UPDATE_USER_SINGLE_VALUED,
  USER_FOUND_BY_QUERY,
} from './requests.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CREATED_USER_NAME = 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1';
const RENAMED_USER_NAME = '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com';

describe.each(testEngines())('Entra tutorial, user operations (%s)', (engine) => {
  let server: TestServer;
  let scim: ScimSession;
  let id = '';
  /** Replaces the documentation's placeholder ids by the created user's id. */
  const forUser = (request: Parameters<typeof fill>[0]) =>
    fill(request, { '5d48a0a8e9f04aa38008': id, '6764549bef60420686bc': id, '5171a35d82074e068ce2': id });

  beforeAll(async () => {
    server = await createTestServer(engine);
    const tenant = await server.createTenant();
    scim = new ScimSession(server.app, tenant);
  });
  afterAll(async () => {
    await server.close();
  });

  it('Create User: 201 with an id, the attributes echoed and meta', async () => {
    const answer = await scim.send(CREATE_USER);
    expect(answer.status).toBe(201);
    const user = expectScimJson(answer);
    expect(typeof user.id).toBe('string');
    id = user.id as string;
    expect(user.schemas).toContain(USER_SCHEMA);
    expect(user).toMatchObject({
      externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
      userName: CREATED_USER_NAME,
      active: true,
      emails: [
        { primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' },
      ],
      name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
      meta: { resourceType: 'User' },
    });
    const meta = user.meta as Record<string, unknown>;
    expect(Date.parse(meta.created as string)).not.toBeNaN();
    expect(meta.lastModified).toBe(meta.created);
    expect(String(meta.location)).toMatch(new RegExp(`/Users/${id}$`));
    expect(answer.headers.location).toBe(meta.location);
  });

  it('Create User again: 409 uniqueness, whatever the case of userName', async () => {
    const again = fill(CREATE_USER, { [CREATED_USER_NAME]: CREATED_USER_NAME.toUpperCase() });
    expectScimError(await scim.send(again), 409, 'uniqueness');
  });

  it('Get User: 200 with the same representation', async () => {
    const answer = await scim.send(forUser(GET_USER));
    expect(answer.status).toBe(200);
    const user = expectScimJson(answer);
    expect(user).toMatchObject({ id, userName: CREATED_USER_NAME, active: true });
    expect(user.emails).toEqual([
      { primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' },
    ]);
  });

  it('Get User (not found): 404 with a SCIM error body', async () => {
    expectScimError(await scim.send(GET_USER_NOT_FOUND), 404);
  });

  it('Get User by query: a ListResponse with the one match', async () => {
    const seeded = await scim.send({ method: 'POST', path: '/Users', body: USER_FOUND_BY_QUERY });
    expect(seeded.status).toBe(201);
    const [found, ...rest] = expectListResponse(await scim.send(GET_USER_BY_QUERY), 1);
    expect(rest).toEqual([]);
    expect(found).toMatchObject({
      id: seeded.body?.id,
      userName: 'Test_User_dfeef4c5-5681-4387-b016-bdf221e82081',
      externalId: '7fce0092-d52e-4f76-b727-3955bd72c939',
      active: true,
    });
    // userName is caseExact=false (RFC 7643 §4.1.1): Entra's lookups must not depend on case.
    const upper = fill(GET_USER_BY_QUERY, { Test_User_dfeef4c5: 'TEST_USER_DFEEF4C5' });
    expect(expectListResponse(await scim.send(upper), 1)[0]?.id).toBe(seeded.body?.id);
  });

  it('Get User by query - Zero results: totalResults 0, no resources', async () => {
    const answer = await scim.send(GET_USER_BY_QUERY_ZERO_RESULTS);
    expect(expectListResponse(answer, 0)).toEqual([]);
    expect(answer.body?.startIndex).toBe(1);
  });

  it('Update User [Multi-valued properties]: both replaces applied, the rest kept', async () => {
    const answer = await scim.send(forUser(UPDATE_USER_MULTI_VALUED));
    expect(answer.status).toBe(200);
    const user = expectScimJson(answer);
    expect(user.emails).toEqual([{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }]);
    expect(user.name).toMatchObject({ familyName: 'updatedFamilyName', givenName: 'givenName' });
    expect(user.userName).toBe(CREATED_USER_NAME);
    const meta = user.meta as Record<string, unknown>;
    expect(meta.version).not.toBeUndefined();
    const byEmail = await scim.get(
      '/Users?filter=emails[type eq "work"].value eq "updatedEmail@microsoft.com"',
    );
    expect(expectListResponse(byEmail, 1)[0]?.id).toBe(id);
  });

  it('Update User [Single-valued properties]: userName replaced and findable', async () => {
    const answer = await scim.send(forUser(UPDATE_USER_SINGLE_VALUED));
    expect(answer.status).toBe(200);
    expect(expectScimJson(answer)).toMatchObject({ id, userName: RENAMED_USER_NAME });
    const byNewName = await scim.get(`/Users?filter=userName eq "${RENAMED_USER_NAME}"`);
    expect(expectListResponse(byNewName, 1)[0]?.id).toBe(id);
    const byOldName = await scim.get(`/Users?filter=userName eq "${CREATED_USER_NAME}"`);
    expectListResponse(byOldName, 0);
  });

  it('Disable User: active false, and the user is still returned by GET and by filter', async () => {
    const answer = await scim.send(forUser(DISABLE_USER));
    expect([200, 204]).toContain(answer.status);
    if (answer.status === 200) expect(expectScimJson(answer).active).toBe(false);
    const read = await scim.send(forUser(GET_USER));
    expect(read.status).toBe(200);
    expect(expectScimJson(read).active).toBe(false);
    const byName = await scim.get(`/Users?filter=userName eq "${RENAMED_USER_NAME}"`);
    expect(expectListResponse(byName, 1)[0]).toMatchObject({ id, active: false });
    const byExternalId = await scim.get('/Users?filter=externalId eq "0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef"');
    expect(expectListResponse(byExternalId, 1)[0]?.id).toBe(id);
  });

  it('Delete User: 204, then 404 everywhere (only a hard delete hides a user)', async () => {
    const answer = await scim.send(forUser(DELETE_USER));
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
    expectScimError(await scim.send(forUser(GET_USER)), 404);
    expectListResponse(await scim.get(`/Users?filter=userName eq "${RENAMED_USER_NAME}"`), 0);
    expectScimError(await scim.send(forUser(DELETE_USER)), 404);
  });
});
