import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, type TestTenant } from '../../test/support/test-server.js';
import { testEngines } from '../store/testing/index.js';

describe.each(testEngines())('buildApp on %s', (engine) => {
  let server: TestServer;
  let tenant: TestTenant;
  let other: TestTenant;

  beforeAll(async () => {
    server = await createTestServer(engine);
    tenant = await server.createTenant({ name: 'Mine' });
    other = await server.createTenant({ name: 'Theirs' });
  });
  afterAll(async () => {
    await server?.close();
  });

  const scimGet = (path: string, authorization?: string) =>
    server.app.inject({
      method: 'GET',
      url: `${path}/Users`,
      headers: authorization === undefined ? {} : { authorization },
    });

  it('answers /healthz after checking the store', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    const echoed = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'entra-1234:abc' },
    });
    expect(echoed.headers['x-request-id']).toBe('entra-1234:abc');
    const replaced = await server.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\twith spaces' },
    });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const made = await server.app.inject({ method: 'GET', url: '/api/tenants' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves SCIM to the tenant its API key belongs to', async () => {
    const res = await scimGet(tenant.scimPath, `Bearer ${tenant.apiKey}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
    expect(res.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
    });
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'Bearer nonsense'],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('answers 401 with a SCIM error for %s', async (_case, authorization) => {
    const res = await scimGet(tenant.scimPath, authorization);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(res.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '401',
    });
  });

  it("answers 401 for another tenant's key, a tampered key and a revoked key", async () => {
    expect((await scimGet(tenant.scimPath, `Bearer ${other.apiKey}`)).statusCode).toBe(401);
    const tampered = `${tenant.apiKey.slice(0, -1)}${tenant.apiKey.endsWith('A') ? 'B' : 'A'}`;
    expect((await scimGet(tenant.scimPath, `Bearer ${tampered}`)).statusCode).toBe(401);
    const unknownTenant = '/scim/directory/00000000-0000-4000-8000-000000000000';
    expect((await scimGet(unknownTenant, `Bearer ${tenant.apiKey}`)).statusCode).toBe(401);

    const spare = await server.createTenant({ name: 'Revoked' });
    expect((await scimGet(spare.scimPath, `Bearer ${spare.apiKey}`)).statusCode).toBe(200);
    await server.tenants.revokeApiKey(spare.id, spare.apiKeyId);
    expect((await scimGet(spare.scimPath, `Bearer ${spare.apiKey}`)).statusCode).toBe(401);
  });

  it('lets an admin-API-regenerated key in and the old one no longer', async () => {
    const spare = await server.createTenant({ name: 'Rotated' });
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/tenants/${spare.id}/keys/regenerate`,
      headers: server.adminHeaders,
      payload: {},
    });
    const fresh = res.json<{ apiKey: { token: string } }>().apiKey.token;
    expect((await scimGet(spare.scimPath, `Bearer ${fresh}`)).statusCode).toBe(200);
    expect((await scimGet(spare.scimPath, `Bearer ${spare.apiKey}`)).statusCode).toBe(401);
  });
});
