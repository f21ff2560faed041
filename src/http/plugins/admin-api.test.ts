import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/support/test-server.js';
import { testEngines } from '../../store/testing/index.js';

interface Json {
  [key: string]: unknown;
}

const body = (res: LightMyRequestResponse) => res.json<Json>();
const errorCode = (res: LightMyRequestResponse) => (body(res)['error'] as Json | undefined)?.['code'];

describe.each(testEngines())('admin API on %s', (engine) => {
  let server: TestServer;
  let auth: { authorization: string };

  const api = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = auth,
  ) =>
    server.app.inject({
      method,
      url: `/api${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });

  const newTenant = async (payload: Json = { name: 'Acme' }) => {
    const res = await api('POST', '/tenants', payload);
    expect(res.statusCode).toBe(201);
    return body(res) as Json & { id: string; apiKey: Json & { id: string; token: string } };
  };

  beforeAll(async () => {
    server = await createTestServer(engine, { publicUrl: 'https://scim.example.test/' });
    auth = server.adminHeaders;
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('authentication', () => {
    const routes: [string, string][] = [
      ['GET', '/tenants'],
      ['POST', '/tenants'],
      ['GET', '/tenants/x'],
      ['DELETE', '/tenants/x'],
      ['GET', '/tenants/x/keys'],
      ['POST', '/tenants/x/keys'],
      ['DELETE', '/tenants/x/keys/y'],
      ['POST', '/tenants/x/keys/regenerate'],
      ['GET', '/tenants/x/domains'],
      ['POST', '/tenants/x/domains'],
      ['DELETE', '/tenants/x/domains/example.com'],
      ['GET', '/tenants/x/audit'],
      ['GET', '/no-such-route'],
    ];

    it.each(routes)('%s %s needs the admin token', async (method, url) => {
      for (const headers of [
        {},
        { authorization: `Bearer ${server.adminToken}x` },
        { authorization: `Basic ${server.adminToken}` },
        { authorization: 'Bearer' },
      ]) {
        const res = await api(method as 'GET', url, method === 'POST' ? { name: 'x' } : undefined, headers);
        expect(res.statusCode).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(body(res)).toEqual({
          error: {
            code: 'SCIMSYNC_ERR_ADMIN_UNAUTHORIZED',
            message: 'the admin API needs "Authorization: Bearer <admin token>"',
          },
        });
      }
    });

    it('does not accept a tenant API key as the admin token', async () => {
      const tenant = await newTenant();
      const res = await api('GET', '/tenants', undefined, { authorization: `Bearer ${tenant.apiKey.token}` });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('tenants', () => {
    it('creates, gets, lists and deletes a tenant', async () => {
      const res = await api('POST', '/tenants', {
        name: 'Acme',
        verifiedDomains: ['Example.com'],
        apiKey: { name: 'entra', expiresInDays: 10 },
      });
      expect(res.statusCode).toBe(201);
      const created = body(res) as Json & { id: string; apiKey: Json };
      expect(res.headers['location']).toBe(`/api/tenants/${created.id}`);
      expect(created).toMatchObject({
        name: 'Acme',
        verifiedDomains: ['example.com'],
        scimBaseUrl: `https://scim.example.test/scim/directory/${created.id}`,
      });
      expect(created.apiKey).toMatchObject({ name: 'entra', status: 'active', tenantId: created.id });
      expect(created.apiKey['token']).toMatch(/^scimsync_[0-9a-f]{16}_/);
      const { apiKey: _key, ...view } = created;

      const got = await api('GET', `/tenants/${created.id}`);
      expect(got.statusCode).toBe(200);
      expect(body(got)).toEqual(view);

      const list = await api('GET', '/tenants');
      expect(list.statusCode).toBe(200);
      expect(body(list)['tenants']).toContainEqual(view);

      const deleted = await api('DELETE', `/tenants/${created.id}`);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect((await api('GET', `/tenants/${created.id}`)).statusCode).toBe(404);
    });

    it.each([
      [{}, 'SCIMSYNC_ERR_INVALID_REQUEST'],
      [{ name: '' }, 'SCIMSYNC_ERR_INVALID_REQUEST'],
      [{ name: '   ' }, 'SCIMSYNC_ERR_INVALID_TENANT_NAME'],
      // Fastify's Ajv coerces scalars (42 → "42"), not objects.
      [{ name: { first: 'x' } }, 'SCIMSYNC_ERR_INVALID_REQUEST'],
      [{ name: 'x', verifiedDomains: { a: 'example.com' } }, 'SCIMSYNC_ERR_INVALID_REQUEST'],
      [{ name: 'x', verifiedDomains: ['not a domain'] }, 'SCIMSYNC_ERR_INVALID_DOMAIN'],
      [{ name: 'x', apiKey: { expiresInDays: 0 } }, 'SCIMSYNC_ERR_INVALID_REQUEST'],
    ])('refuses %j with 400 %s', async (payload, code) => {
      const res = await api('POST', '/tenants', payload);
      expect(res.statusCode).toBe(400);
      expect(errorCode(res)).toBe(code);
    });

    it('answers bad JSON, wrong media types and oversized bodies in its own format', async () => {
      const badJson = await server.app.inject({
        method: 'POST',
        url: '/api/tenants',
        headers: { ...auth, 'content-type': 'application/json' },
        payload: '{"name":',
      });
      expect(badJson.statusCode).toBe(400);
      expect(errorCode(badJson)).toBe('SCIMSYNC_ERR_INVALID_REQUEST');
      const text = await server.app.inject({
        method: 'POST',
        url: '/api/tenants',
        headers: { ...auth, 'content-type': 'text/plain' },
        payload: 'name=x',
      });
      expect(text.statusCode).toBe(415);
      expect(errorCode(text)).toBe('SCIMSYNC_ERR_UNSUPPORTED_MEDIA_TYPE');
      const huge = await api('POST', '/tenants', { name: 'x', padding: 'x'.repeat(70_000) });
      expect(huge.statusCode).toBe(413);
      expect(errorCode(huge)).toBe('SCIMSYNC_ERR_PAYLOAD_TOO_LARGE');
    });

    it('answers 404 for unknown tenants on every tenant route', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const calls: [method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown][] = [
        ['GET', `/tenants/${id}`],
        ['DELETE', `/tenants/${id}`],
        ['GET', `/tenants/${id}/keys`],
        ['POST', `/tenants/${id}/keys`, {}],
        ['DELETE', `/tenants/${id}/keys/0123456789abcdef`],
        ['POST', `/tenants/${id}/keys/regenerate`, {}],
        ['GET', `/tenants/${id}/domains`],
        ['POST', `/tenants/${id}/domains`, { domain: 'example.com' }],
        ['DELETE', `/tenants/${id}/domains/example.com`],
        ['GET', `/tenants/${id}/audit`],
      ];
      for (const [method, url, payload] of calls) {
        const res = await api(method, url, payload);
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(body(res)).toEqual({
          error: { code: 'SCIMSYNC_ERR_TENANT_NOT_FOUND', message: `tenant ${id} not found` },
        });
      }
    });

    it('answers 404 in JSON for unknown admin routes', async () => {
      const res = await api('GET', '/nothing-here?x=1');
      expect(res.statusCode).toBe(404);
      expect(body(res)).toEqual({
        error: { code: 'SCIMSYNC_ERR_ROUTE_NOT_FOUND', message: 'no route GET /api/nothing-here' },
      });
    });
  });

  describe('API keys', () => {
    it('issues, lists, revokes and regenerates keys', async () => {
      const tenant = await newTenant();
      const created = await api('POST', `/tenants/${tenant.id}/keys`, { name: 'okta', expiresInDays: 30 });
      expect(created.statusCode).toBe(201);
      const okta = body(created) as Json & { id: string; token: string };
      expect(okta).toMatchObject({ name: 'okta', status: 'active' });
      expect(okta.token).toMatch(new RegExp(`^scimsync_${okta.id}_`));

      const defaults = await server.app.inject({
        method: 'POST',
        url: `/api/tenants/${tenant.id}/keys`,
        headers: auth,
      });
      expect(defaults.statusCode).toBe(201);
      expect(body(defaults)).toMatchObject({ name: 'default' });

      const listed = await api('GET', `/tenants/${tenant.id}/keys`);
      expect(listed.statusCode).toBe(200);
      const keys = body(listed)['keys'] as Json[];
      expect(keys).toHaveLength(3);
      expect(listed.body).not.toContain(okta.token.slice(-43));
      expect(keys.every((k) => !('token' in k) && !('secretHash' in k))).toBe(true);

      const revoked = await api('DELETE', `/tenants/${tenant.id}/keys/${okta.id}`);
      expect(revoked.statusCode).toBe(204);
      const again = await api('DELETE', `/tenants/${tenant.id}/keys/${okta.id}`);
      expect(again.statusCode).toBe(404);
      expect(errorCode(again)).toBe('SCIMSYNC_ERR_API_KEY_NOT_FOUND');

      const regenerated = await api('POST', `/tenants/${tenant.id}/keys/regenerate`, {});
      expect(regenerated.statusCode).toBe(201);
      const result = body(regenerated) as { apiKey: Json; revoked: string[] };
      expect(result.revoked.sort()).toEqual([tenant.apiKey.id, (body(defaults) as { id: string }).id].sort());
      expect(result.apiKey['token']).toMatch(/^scimsync_/);
      const statuses = (body(await api('GET', `/tenants/${tenant.id}/keys`))['keys'] as Json[]).map(
        (k) => k['status'],
      );
      expect(statuses.sort()).toEqual(['active', 'revoked', 'revoked', 'revoked']);
    });

    it.each([
      [{ name: '' }],
      [{ expiresInDays: 0 }],
      [{ expiresInDays: 3651 }],
      [{ expiresInDays: 'soon' }],
      [{ name: 'x'.repeat(101) }],
    ])('refuses key options %j with 400', async (payload) => {
      const tenant = await newTenant();
      for (const url of [`/tenants/${tenant.id}/keys`, `/tenants/${tenant.id}/keys/regenerate`]) {
        const res = await api('POST', url, payload);
        expect(res.statusCode).toBe(400);
        expect(errorCode(res)).toBe('SCIMSYNC_ERR_INVALID_REQUEST');
      }
    });
  });

  describe('domains and audit', () => {
    it('adds, lists and removes verified domains', async () => {
      const tenant = await newTenant();
      const added = await api('POST', `/tenants/${tenant.id}/domains`, { domain: 'Example.COM' });
      expect(added.statusCode).toBe(201);
      expect(body(added)).toEqual({ domains: ['example.com'] });
      const listed = await api('GET', `/tenants/${tenant.id}/domains`);
      expect(body(listed)).toEqual({ domains: ['example.com'] });
      const removed = await api('DELETE', `/tenants/${tenant.id}/domains/example.com`);
      expect(removed.statusCode).toBe(204);
      const missing = await api('DELETE', `/tenants/${tenant.id}/domains/example.com`);
      expect(missing.statusCode).toBe(404);
      expect(errorCode(missing)).toBe('SCIMSYNC_ERR_DOMAIN_NOT_FOUND');
      const bad = await api('POST', `/tenants/${tenant.id}/domains`, { domain: 'nope' });
      expect(bad.statusCode).toBe(400);
      expect(errorCode(bad)).toBe('SCIMSYNC_ERR_INVALID_DOMAIN');
      const noBody = await api('POST', `/tenants/${tenant.id}/domains`, {});
      expect(noBody.statusCode).toBe(400);
      expect(errorCode(noBody)).toBe('SCIMSYNC_ERR_INVALID_REQUEST');
    });

    it('pages the audit log with limit and before', async () => {
      const tenant = await newTenant();
      for (const domain of ['a.com', 'b.com', 'c.com']) {
        await api('POST', `/tenants/${tenant.id}/domains`, { domain });
      }
      const all = body(await api('GET', `/tenants/${tenant.id}/audit`)) as {
        entries: (Json & { sequence: number })[];
        nextBefore: number | null;
      };
      expect(all.entries.map((e) => e['action'])).toEqual([
        'domain.add',
        'domain.add',
        'domain.add',
        'key.create',
        'tenant.create',
      ]);
      expect(all.entries[0]).toMatchObject({ actor: 'admin', resourceType: 'Domain', resourceId: 'c.com' });
      expect(all.nextBefore).toBeNull();
      const page = body(await api('GET', `/tenants/${tenant.id}/audit?limit=2`)) as typeof all;
      expect(page.entries).toHaveLength(2);
      expect(page.nextBefore).toBe(page.entries[1]?.sequence);
      const next = body(
        await api('GET', `/tenants/${tenant.id}/audit?limit=2&before=${String(page.nextBefore)}`),
      ) as typeof all;
      expect(next.entries.map((e) => e.sequence)).toEqual(all.entries.slice(2, 4).map((e) => e.sequence));
      for (const query of ['limit=0', 'limit=501', 'limit=x', 'before=-1']) {
        const res = await api('GET', `/tenants/${tenant.id}/audit?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(errorCode(res)).toBe('SCIMSYNC_ERR_INVALID_REQUEST');
      }
    });
  });
});
