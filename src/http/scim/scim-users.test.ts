import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../store/testing/index.js';
import { createScimTestApp, type ScimTestApp, type TestTenant } from './testing/scim-test-app.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    userName,
    active: true,
    emails: [{ value: `${userName}`, type: 'work', primary: true }],
    ...extra,
  };
}

function body(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

async function createUser(tenant: TestTenant, userName: string, extra: Record<string, unknown> = {}) {
  const response = await tenant.request('POST', '/Users', { body: user(userName, extra) });
  expect(response.statusCode, response.body).toBe(201);
  return body(response) as { id: string; meta: { version: string } } & Record<string, unknown>;
}

describe.each(testEngines())('SCIM /Users on %s', (engine) => {
  let t: ScimTestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createScimTestApp(engine);
    tenant = await t.newTenant();
  });
  afterAll(async () => t.close());

  it('creates a user: 201, Location, ETag, meta, scim+json', async () => {
    const response = await tenant.request('POST', '/Users', {
      body: user('bjensen@example.com', { name: { givenName: 'Barbara', familyName: 'Jensen' }, roles: [] }),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    const created = body(response) as { id: string; meta: Record<string, unknown> };
    expect(response.headers['location']).toBe(`${tenant.baseUrl}/Users/${created.id}`);
    expect(response.headers['etag']).toBe('W/"1"');
    expect(created).toMatchObject({
      schemas: [USER_SCHEMA],
      userName: 'bjensen@example.com',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      meta: { resourceType: 'User', version: 'W/"1"', location: `${tenant.baseUrl}/Users/${created.id}` },
    });
    expect(created.meta['created']).toEqual(created.meta['lastModified']);
  });

  it('gets a user, answers 304 to a matching If-None-Match and 404 for unknown ids', async () => {
    const created = await createUser(tenant, 'get-me@example.com');
    const got = await tenant.request('GET', `/Users/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(body(got)).toEqual(created);
    expect(got.headers['etag']).toBe('W/"1"');
    const notModified = await tenant.request('GET', `/Users/${created.id}`, {
      headers: { 'if-none-match': 'W/"1"' },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe('');
    const modified = await tenant.request('GET', `/Users/${created.id}`, {
      headers: { 'if-none-match': 'W/"7"' },
    });
    expect(modified.statusCode).toBe(200);
    const missing = await tenant.request('GET', '/Users/no-such-id');
    expect(missing.statusCode).toBe(404);
    expect(body(missing)).toMatchObject({ status: '404' });
  });

  it('rejects a second userName differing only in case with 409 uniqueness; values kept as sent', async () => {
    await createUser(tenant, 'Case.Sensitive@Example.com');
    const duplicate = await tenant.request('POST', '/Users', { body: user('case.sensitive@example.COM') });
    expect(duplicate.statusCode).toBe(409);
    expect(body(duplicate)).toMatchInlineSnapshot(`
      {
        "detail": "userName "case.sensitive@example.COM" is already in use in this directory",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "uniqueness",
        "status": "409",
      }
    `);
    const list = await tenant.request(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "CASE.sensitive@example.com"')}`,
    );
    expect(body(list)).toMatchObject({
      totalResults: 1,
      Resources: [{ userName: 'Case.Sensitive@Example.com' }],
    });
  });

  it('replaces a user with PUT, bumping the version; If-Match mismatch is 412', async () => {
    const created = await createUser(tenant, 'put-me@example.com');
    const replaced = await tenant.request('PUT', `/Users/${created.id}`, {
      body: user('put-me@example.com', { displayName: 'Put Me', id: created.id }),
      headers: { 'if-match': 'W/"1"' },
    });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers['etag']).toBe('W/"2"');
    expect(body(replaced)).toMatchObject({ displayName: 'Put Me', meta: { version: 'W/"2"' } });
    const stale = await tenant.request('PUT', `/Users/${created.id}`, {
      body: user('put-me@example.com'),
      headers: { 'if-match': 'W/"1"' },
    });
    expect(stale.statusCode).toBe(412);
    expect(body(stale)).toMatchInlineSnapshot(`
      {
        "detail": "The resource has changed: its current version is W/"2" (If-Match failed)",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "412",
      }
    `);
  });

  it('applies the PATCH shapes Entra sends and keeps an inactive user visible', async () => {
    const created = await createUser(tenant, 'entra@example.com', { externalId: 'e-1' });
    const patched = await tenant.request('PATCH', `/Users/${created.id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'entra.new@example.com' },
          { op: 'Replace', path: 'name.familyName', value: 'Updated' },
          { op: 'Add', value: { 'name.givenName': 'Ent', [`${ENTERPRISE}:department`]: 'Sales' } },
          { op: 'Replace', path: 'active', value: 'False' },
        ],
      },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(body(patched)).toMatchObject({
      active: false,
      emails: [{ value: 'entra.new@example.com', type: 'work', primary: true }],
      name: { familyName: 'Updated', givenName: 'Ent' },
      [ENTERPRISE]: { department: 'Sales' },
      meta: { version: 'W/"2"' },
    });
    const listed = await tenant.request('GET', `/Users?filter=${encodeURIComponent('externalId eq "e-1"')}`);
    expect(body(listed)).toMatchObject({ totalResults: 1, Resources: [{ id: created.id, active: false }] });
    const noop = await tenant.request('PATCH', `/Users/${created.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    expect(noop.headers['etag']).toBe('W/"2"');
  });

  it('deletes for good: 204, then 404; If-Match mismatch on DELETE is 412', async () => {
    const created = await createUser(tenant, 'delete-me@example.com');
    const stale = await tenant.request('DELETE', `/Users/${created.id}`, {
      headers: { 'if-match': 'W/"9"' },
    });
    expect(stale.statusCode).toBe(412);
    const deleted = await tenant.request('DELETE', `/Users/${created.id}`, {
      headers: { 'if-match': 'W/"1"' },
    });
    expect(deleted.statusCode).toBe(204);
    expect((await tenant.request('GET', `/Users/${created.id}`)).statusCode).toBe(404);
    expect((await tenant.request('DELETE', `/Users/${created.id}`)).statusCode).toBe(404);
  });

  it("answers 404 for another tenant's user, on every method", async () => {
    const created = await createUser(tenant, 'private@example.com');
    const other = await t.newTenant();
    for (const method of ['GET', 'DELETE'] as const) {
      expect((await other.request(method, `/Users/${created.id}`)).statusCode).toBe(404);
    }
    const patch = { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] };
    expect((await other.request('PATCH', `/Users/${created.id}`, { body: patch })).statusCode).toBe(404);
    expect(
      (await other.request('PUT', `/Users/${created.id}`, { body: user('private@example.com') })).statusCode,
    ).toBe(404);
    expect(body(await other.request('GET', '/Users'))).toMatchObject({ totalResults: 0 });
  });

  it('projects with attributes and excludedAttributes', async () => {
    const created = await createUser(tenant, 'projected@example.com', { displayName: 'P' });
    const only = body(await tenant.request('GET', `/Users/${created.id}?attributes=userName`));
    expect(Object.keys(only).sort()).toEqual(['id', 'schemas', 'userName']);
    const without = body(await tenant.request('GET', `/Users/${created.id}?excludedAttributes=emails,meta`));
    expect(without).not.toHaveProperty('emails');
    expect(without).toHaveProperty('displayName', 'P');
  });
});

describe.each(testEngines())('SCIM verified domains on %s', (engine) => {
  let t: ScimTestApp;
  beforeAll(async () => {
    t = await createScimTestApp(engine);
  });
  afterAll(async () => t.close());

  it('accepts only users with an email on a verified domain (exact match) and names the domains seen', async () => {
    const tenant = await t.newTenant({ verifiedDomains: ['example.com'] });
    const ok = await tenant.request('POST', '/Users', { body: user('a@example.com') });
    expect(ok.statusCode).toBe(201);
    const rejected = await tenant.request('POST', '/Users', {
      body: user('b@other.org', { emails: [{ value: 'b@other.org' }, { value: 'b@sub.example.com' }] }),
    });
    expect(rejected.statusCode).toBe(400);
    expect(body(rejected)).toMatchInlineSnapshot(`
      {
        "detail": "No email of the user is on a verified domain: "other.org", "sub.example.com" are not verified for this directory",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidValue",
        "status": "400",
      }
    `);
    const id = (body(ok) as { id: string }).id;
    const moved = await tenant.request('PATCH', `/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'emails', value: [{ value: 'a@evil.net' }] }],
      },
    });
    expect(moved.statusCode).toBe(400);
    expect(body(moved)['detail']).toContain('"evil.net"');
    const replaced = await tenant.request('PUT', `/Users/${id}`, {
      body: user('a@example.com', { emails: [] }),
    });
    expect(replaced.statusCode).toBe(400);
  });

  it('accepts every domain when the tenant lists none', async () => {
    const tenant = await t.newTenant();
    expect((await tenant.request('POST', '/Users', { body: user('x@anything.test') })).statusCode).toBe(201);
  });
});
