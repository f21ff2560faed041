/**
 * The other shapes Entra sends (REFERENCE.md §8; compliance-requests.ts): capitalised and
 * lowercase ops, `"False"`/`"True"` strings, path-less replaces keyed by dotted and URN paths,
 * several members per request, `members[value eq "…"]` removals, `+`-encoded filters, plain
 * `application/json` bodies and schema discovery.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../../src/store/testing/index.js';
import { createTestServer, type TestServer } from '../../support/test-server.js';
import {
  expectListResponse,
  expectPatchAccepted,
  expectScimJson,
  ScimSession,
  type ScimAnswer,
} from '../support/scim-session.js';
import {
  ADD_NICKNAME_CAPITALISED,
  DISABLE_USER_LOWERCASE,
  DISABLE_USER_STRING_FALSE,
  REMOVE_MEMBER_BY_FILTER,
  REMOVE_MEMBER_BY_VALUE,
  REPLACE_MANY_CAPITALISED,
  REPLACE_MANY_PATHLESS,
} from './compliance-requests.js';
import { CREATE_USER, DISCOVER_SCHEMA, fill } from './requests.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe.each(testEngines())('Entra request shapes (%s)', (engine) => {
  let server: TestServer;
  let scim: ScimSession;
  let sequence = 0;

  const createUser = async (): Promise<string> => {
    sequence += 1;
    const body = fill(CREATE_USER, {
      'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1': `shape-user-${sequence}`,
      '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef': `shape-external-${sequence}`,
      'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com': `shape-mail-${sequence}@testuser.com`,
    });
    const answer = await scim.send(body);
    expect(answer.status).toBe(201);
    return answer.body?.id as string;
  };
  const patchUser = (request: typeof DISABLE_USER_STRING_FALSE, id: string): Promise<ScimAnswer> =>
    scim.send(fill(request, { '{id}': id }));
  const readUser = async (id: string): Promise<Record<string, unknown>> =>
    expectScimJson(await scim.get(`/Users/${id}`));

  beforeAll(async () => {
    server = await createTestServer(engine);
    const tenant = await server.createTenant();
    scim = new ScimSession(server.app, tenant);
  });
  afterAll(async () => {
    await server.close();
  });

  it('disables with "False" and re-enables with "True" (strings), stored as booleans', async () => {
    const id = await createUser();
    expect([200, 204]).toContain((await patchUser(DISABLE_USER_STRING_FALSE, id)).status);
    expect((await readUser(id)).active).toBe(false);
    const enable = fill(DISABLE_USER_STRING_FALSE, { '"False"': '"True"', '{id}': id });
    expect([200, 204]).toContain((await scim.send(enable)).status);
    expect((await readUser(id)).active).toBe(true);
    expect([200, 204]).toContain((await patchUser(DISABLE_USER_LOWERCASE, id)).status);
    expect((await readUser(id)).active).toBe(false);
  });

  it('adds a single-valued attribute with a capitalised "Add"', async () => {
    const id = await createUser();
    expect((await patchUser(ADD_NICKNAME_CAPITALISED, id)).status).toBe(200);
    expect((await readUser(id)).nickName).toBe('Babs');
  });

  it('applies six capitalised replaces in one request, the enterprise URN path included', async () => {
    const id = await createUser();
    expect((await patchUser(REPLACE_MANY_CAPITALISED, id)).status).toBe(200);
    const user = await readUser(id);
    expect(user).toMatchObject({
      displayName: 'Pvlo',
      externalId: 'Eqpj',
      name: { givenName: 'Gtfd', familyName: 'Pkqf' },
      emails: [expect.objectContaining({ type: 'work', value: 'TestBcwqnm@test.microsoft.com' })],
      [ENTERPRISE]: { employeeNumber: 'Eqpj' },
    });
    const byExternalId = await scim.get('/Users?filter=externalId eq "Eqpj"');
    expect(expectListResponse(byExternalId, 1)[0]?.id).toBe(id);
  });

  it('applies a path-less replace keyed by dotted and URN attribute paths', async () => {
    const id = await createUser();
    expect((await patchUser(REPLACE_MANY_PATHLESS, id)).status).toBe(200);
    const user = await readUser(id);
    expect(user).toMatchObject({
      displayName: 'Bjfe',
      name: { givenName: 'Kkom', familyName: 'Unua', formatted: 'givenName familyName' },
      emails: [expect.objectContaining({ type: 'work', value: 'TestMhvaes@test.microsoft.com' })],
      [ENTERPRISE]: { employeeNumber: 'Aklq' },
    });
    expect(user).not.toHaveProperty(['name.givenName']);
  });

  it('finds users by the three attributes Entra matches on, with a +-encoded query', async () => {
    const id = await createUser();
    const name = `shape-user-${sequence}`;
    const plus = await scim.get(`/Users?filter=userName+eq+%22${name}%22`);
    expect(expectListResponse(plus, 1)[0]?.id).toBe(id);
    const byExternalId = await scim.get(`/Users?filter=externalId eq "shape-external-${sequence}"`);
    expect(expectListResponse(byExternalId, 1)[0]?.id).toBe(id);
    const byEmail = await scim.get(
      `/Users?filter=emails[type eq "work"].value eq "shape-mail-${sequence}@testuser.com"`,
    );
    expect(expectListResponse(byEmail, 1)[0]?.id).toBe(id);
  });

  it('adds several members in one request and removes them in both documented ways', async () => {
    const [a, b, c] = [await createUser(), await createUser(), await createUser()];
    const created = await scim.post('/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Shape group',
    });
    expect(created.status).toBe(201);
    const groupId = created.body?.id as string;
    const add = await scim.send({
      method: 'PATCH',
      path: `/Groups/${groupId}`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Add', path: 'members', value: [{ value: a }, { value: b }, { value: c }] }],
      }),
    });
    expectPatchAccepted(add);
    const memberIds = async (): Promise<string[]> => {
      const group = expectScimJson(await scim.get(`/Groups/${groupId}`));
      return ((group.members ?? []) as { value: string }[]).map((m) => m.value).sort();
    };
    expect(await memberIds()).toEqual([a, b, c].sort());
    expectPatchAccepted(await scim.send(fill(REMOVE_MEMBER_BY_VALUE, { '{id}': groupId, u1091: a })));
    expect(await memberIds()).toEqual([b, c].sort());
    const byFilter = fill(REMOVE_MEMBER_BY_FILTER, {
      '{id}': groupId,
      '7f4bc1a3-285e-48ae-8202-5accb43efb0e': b,
    });
    expectPatchAccepted(await scim.send(byFilter));
    expect(await memberIds()).toEqual([c]);
  });

  it('accepts plain application/json request bodies and still answers application/scim+json', async () => {
    const tenant = await server.createTenant();
    const json = new ScimSession(server.app, { ...tenant, contentType: 'application/json' });
    const answer = await json.send(CREATE_USER);
    expect(answer.status).toBe(201);
    expect(expectScimJson(answer).userName).toBe('Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1');
  });

  it('Discover schema: GET /Schemas lists User, Group and the enterprise extension', async () => {
    const schemas = expectListResponse(await scim.send(DISCOVER_SCHEMA), 3);
    const ids = schemas.map((s) => s.id).sort();
    expect(ids).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:Group',
      'urn:ietf:params:scim:schemas:core:2.0:User',
      ENTERPRISE,
    ]);
    const user = schemas.find((s) => s.id === 'urn:ietf:params:scim:schemas:core:2.0:User');
    const attributes = (user?.attributes ?? []) as {
      name: string;
      uniqueness?: string;
      caseExact?: boolean;
    }[];
    expect(attributes.find((a) => a.name === 'userName')).toMatchObject({
      uniqueness: 'server',
      caseExact: false,
    });
  });
});
