/**
 * Replays, in order, the User requests of Okta's "SCIM 2.0 Protocol Reference" (requests.ts):
 * look up by userName, create (with a password), read, full replace with PUT, deactivate with a
 * path-less PATCH, and page through /Users with startIndex/count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../src/store/testing/index.js';
import { createTestServer, type TestServer } from '../../support/test-server.js';
import { expectListResponse, expectScimError, expectScimJson, ScimSession } from '../support/scim-session.js';
import {
  CREATE_USER,
  DEACTIVATE_USER,
  DOC_USER_ID,
  fill,
  FIND_USER,
  GET_USER,
  LIST_USERS,
  REPLACE_USER,
} from './requests.js';

describe.each(testEngines())('Okta SCIM 2.0 reference, user operations (%s)', (engine) => {
  let server: TestServer;
  let scim: ScimSession;
  let id = '';
  const forUser = (request: Parameters<typeof fill>[0]) => fill(request, { [DOC_USER_ID]: id });

  beforeAll(async () => {
    server = await createTestServer(engine);
    const tenant = await server.createTenant();
    scim = new ScimSession(server.app, tenant);
  });
  afterAll(async () => {
    await server.close();
  });

  it('Determine if the User already exists: an empty ListResponse with integer counts', async () => {
    const answer = await scim.send(FIND_USER);
    expect(expectListResponse(answer, 0)).toEqual([]);
    expect(answer.body?.startIndex).toBe(1);
  });

  it('Create the User: 201 with an id, the profile echoed and the password never returned', async () => {
    const answer = await scim.send(CREATE_USER);
    expect(answer.status).toBe(201);
    const user = expectScimJson(answer);
    id = user.id as string;
    expect(typeof user.id).toBe('string');
    expect(user).toMatchObject({
      userName: 'test.user@okta.local',
      name: { givenName: 'Test', familyName: 'User' },
      emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
      displayName: 'Test User',
      locale: 'en-US',
      externalId: '00ujl29u0le5T6Aj10h7',
      active: true,
      meta: { resourceType: 'User' },
    });
    expect(user).not.toHaveProperty('password');
    expect(user.groups ?? []).toEqual([]);
  });

  it('Determine if the User already exists: now one match', async () => {
    const [user] = expectListResponse(await scim.send(FIND_USER), 1);
    expect(user).toMatchObject({ id, userName: 'test.user@okta.local' });
    expect(user).not.toHaveProperty('password');
  });

  it('Create the User again: 409 with a SCIM error body', async () => {
    expectScimError(await scim.send(CREATE_USER), 409, 'uniqueness');
  });

  it('Retrieve a specific User: 200', async () => {
    const answer = await scim.send(forUser(GET_USER));
    expect(answer.status).toBe(200);
    expect(expectScimJson(answer)).toMatchObject({ id, userName: 'test.user@okta.local', active: true });
  });

  it('Update the User (PUT): the full replacement is stored, read-only attributes ignored', async () => {
    const answer = await scim.send(forUser(REPLACE_USER));
    expect(answer.status).toBe(200);
    const user = expectScimJson(answer);
    expect(user).toMatchObject({
      id,
      userName: 'test.user@okta.local',
      name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
      emails: [
        { primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' },
      ],
      active: true,
    });
    const read = expectScimJson(await scim.send(forUser(GET_USER)));
    expect(read.name).toEqual(user.name);
  });

  it('Update a specific User (PATCH): deactivated, and still found by userName', async () => {
    const answer = await scim.send(forUser(DEACTIVATE_USER));
    expect([200, 204]).toContain(answer.status);
    if (answer.status === 200) expect(expectScimJson(answer)).toMatchObject({ id, active: false });
    expect(expectScimJson(await scim.send(forUser(GET_USER))).active).toBe(false);
    expect(expectListResponse(await scim.send(FIND_USER), 1)[0]).toMatchObject({ id, active: false });
  });

  it('Retrieve Users: pages by startIndex/count in a stable order, exact totalResults', async () => {
    for (let i = 0; i < 6; i++) {
      const body = fill(CREATE_USER, {
        'test.user@okta.local': `page.user.${i}@okta.local`,
        '00ujl29u0le5T6Aj10h7': `x${i}`,
      });
      expect((await scim.send(body)).status).toBe(201);
    }
    const all = expectListResponse(await scim.send(LIST_USERS), 7);
    const seen: unknown[] = [];
    for (let startIndex = 1; startIndex <= 7; startIndex += 3) {
      const answer = await scim.get(`/Users?startIndex=${startIndex}&count=3`);
      const page = expectListResponse(answer, 7);
      expect(answer.body?.startIndex).toBe(startIndex);
      expect(page.length).toBe(Math.min(3, 8 - startIndex));
      seen.push(...page.map((u) => u.id));
    }
    expect(seen).toEqual(all.map((u) => u.id));
    const beyond = await scim.get('/Users?startIndex=101&count=100');
    expect(expectListResponse(beyond, 7)).toEqual([]);
  });
});
