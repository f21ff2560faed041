import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../../../test/support/test-server.js';
import { testEngines } from '../../store/testing/index.js';

interface Json {
  [key: string]: unknown;
}

const body = (res: LightMyRequestResponse) => res.json<Json>();
const errorCode = (res: LightMyRequestResponse) => (body(res)['error'] as Json | undefined)?.['code'];

describe.each(testEngines())('directory admin API on %s', (engine) => {
  let server: TestServer;

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) =>
    server.app.inject({
      method,
      url: url.startsWith('http') ? url.replace('https://scim.example.test', '') : `/api/directory${url}`,
      headers: headers ?? server.adminHeaders,
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });

  const createUser = async (upn: string, extra: Json = {}) => {
    const res = await api('POST', '/users', { userPrincipalName: upn, ...extra });
    expect(res.statusCode).toBe(201);
    return body(res) as Json & { id: string };
  };

  beforeAll(async () => {
    server = await createTestServer(engine, { publicUrl: 'https://scim.example.test/' });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('requires the admin token on every route', async () => {
    for (const [method, url] of [
      ['GET', '/users'],
      ['POST', '/users'],
      ['GET', '/groups/x/members'],
      ['DELETE', '/applications/x/assignments/y'],
    ] as const) {
      const res = await api(method, url, undefined, { authorization: 'Bearer wrong' });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(errorCode(res)).toBe('SCIMSYNC_ERR_ADMIN_UNAUTHORIZED');
    }
  });

  it('creates, reads, patches, soft-deletes and restores users', async () => {
    const ada = await createUser('ada@example.com', { surname: 'Lovelace', department: 'R&D' });
    expect(ada).toMatchObject({
      userPrincipalName: 'ada@example.com',
      accountEnabled: true,
      surname: 'Lovelace',
    });

    const patched = await api('PATCH', `/users/${ada.id}`, { department: 'Sales', surname: null });
    expect(patched.statusCode).toBe(200);
    expect(body(patched)).toMatchObject({ department: 'Sales' });
    expect(body(patched)).not.toHaveProperty('surname');

    expect(body(await api('GET', '/users/ada@example.com'))['id']).toBe(ada.id);
    expect((await api('DELETE', `/users/${ada.id}`)).statusCode).toBe(204);
    expect(errorCode(await api('GET', `/users/${ada.id}`))).toBe('SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND');
    const deleted = body(await api('GET', '/deletedItems'))['value'] as Json[];
    expect(deleted.map((u) => u['id'])).toContain(ada.id);

    const restored = await api('POST', `/users/${ada.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(body(restored)).not.toHaveProperty('deletedDateTime');
  });

  it('answers bad input with plain-JSON errors', async () => {
    const bad = await api('POST', '/users', {
      userPrincipalName: 'x@example.com',
      accountEnabled: 'perhaps',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorCode(bad)).toBe('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE');
    const unknown = await api('POST', '/users', { userPrincipalName: 'y@example.com', nickname: 'Y' });
    expect(errorCode(unknown)).toBe('SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE');
    const notObject = await api('POST', '/users', [1, 2]);
    expect(notObject.statusCode).toBe(400);
    expect(errorCode(notObject)).toBe('SCIMSYNC_ERR_INVALID_REQUEST');
    expect((await api('GET', '/users?$top=0')).statusCode).toBe(400);
  });

  it('pages users with $top and @odata.nextLink', async () => {
    for (let i = 0; i < 5; i++) await createUser(`page${i}@paging.example.com`);
    const seen: string[] = [];
    let url: string | undefined = '/users?$top=2';
    let pages = 0;
    while (url !== undefined) {
      const res = await api('GET', url);
      expect(res.statusCode).toBe(200);
      const page = body(res);
      const value = page['value'] as Json[];
      expect(value.length).toBeLessThanOrEqual(2);
      seen.push(...value.map((u) => String(u['userPrincipalName'])));
      const next = page['@odata.nextLink'] as string | undefined;
      if (next !== undefined)
        expect(next).toMatch(/^https:\/\/scim\.example\.test\/api\/directory\/users\?\$top=2&\$skiptoken=/);
      url = next;
      pages++;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 0; i < 5; i++) expect(seen).toContain(`page${i}@paging.example.com`);
  });

  it('manages groups and members by @odata.id or id', async () => {
    const bob = await createUser('bob@example.com');
    const created = await api('POST', '/groups', { displayName: 'Engineering' });
    expect(created.statusCode).toBe(201);
    const group = body(created) as Json & { id: string };
    const sub = body(await api('POST', '/groups', { displayName: 'Platform' })) as Json & { id: string };

    const byOdata = await api('POST', `/groups/${group.id}/members`, {
      '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${bob.id}`,
    });
    expect(byOdata.statusCode).toBe(204);
    expect((await api('POST', `/groups/${group.id}/members`, { id: sub.id })).statusCode).toBe(204);
    const members = body(await api('GET', `/groups/${group.id}/members?$top=1`));
    expect((members['value'] as Json[]).length).toBe(1);
    expect(members['@odata.nextLink']).toBeDefined();
    const all = body(await api('GET', `/groups/${group.id}/members`))['value'] as Json[];
    expect(all).toEqual(
      expect.arrayContaining([
        { '@odata.type': '#microsoft.graph.user', id: bob.id },
        { '@odata.type': '#microsoft.graph.group', id: sub.id },
      ]),
    );
    expect((await api('DELETE', `/groups/${group.id}/members/${bob.id}`)).statusCode).toBe(204);
    const again = await api('DELETE', `/groups/${group.id}/members/${bob.id}`);
    expect(again.statusCode).toBe(404);
    expect(errorCode(again)).toBe('SCIMSYNC_ERR_DIRECTORY_NOT_A_MEMBER');
    expect((body(await api('GET', `/groups/${group.id}/members`))['value'] as Json[]).length).toBe(1);

    const renamed = await api('PATCH', `/groups/${group.id}`, { displayName: 'Eng' });
    expect(body(renamed)['displayName']).toBe('Eng');
    expect(body(await api('GET', `/groups/${group.id}`))['displayName']).toBe('Eng');
    expect((await api('DELETE', `/groups/${group.id}`)).statusCode).toBe(204);
    expect(errorCode(await api('GET', `/groups/${group.id}`))).toBe('SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND');
    expect((await api('POST', `/groups/${sub.id}/members`, { '@odata.id': 'nonsense' })).statusCode).toBe(
      404,
    );
  });

  it('creates applications and assigns users and groups', async () => {
    const carol = await createUser('carol@example.com');
    const group = body(await api('POST', '/groups', { displayName: 'Sales' })) as Json & { id: string };
    const created = await api('POST', '/applications', { name: 'Slack', appRoles: [{ value: 'admin' }] });
    expect(created.statusCode).toBe(201);
    const app = body(created) as Json & { id: string };
    expect((body(await api('GET', '/applications'))['value'] as Json[]).map((a) => a['name'])).toContain(
      'Slack',
    );

    const toUser = await api('POST', `/applications/${app.id}/assignments`, {
      principalId: carol.id,
      appRole: 'admin',
    });
    expect(toUser.statusCode).toBe(201);
    expect(body(toUser)).toMatchObject({ principalId: carol.id, principalType: 'user' });
    const toGroup = await api('POST', `/applications/${app.id}/assignments`, { principalId: 'Sales' });
    expect(body(toGroup)).toMatchObject({ principalId: group.id, principalType: 'group' });

    const list = body(await api('GET', `/applications/${app.id}/assignments`))['value'] as Json[];
    expect(list).toHaveLength(2);
    expect((await api('DELETE', `/applications/${app.id}/assignments/${carol.id}`)).statusCode).toBe(204);
    expect(body(await api('GET', `/applications/${app.id}/assignments`))['value']).toHaveLength(1);
    const missing = await api('POST', `/applications/${app.id}/assignments`, { principalId: 'nobody' });
    expect(missing.statusCode).toBe(404);
  });
});
