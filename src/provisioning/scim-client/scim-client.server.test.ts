import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, type TestTenant } from '../../../test/support/test-server.js';
import { ScimClient, type ScimRequestEvent } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

async function rejection(promise: Promise<unknown>): Promise<ScimClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScimClientError) return error;
    throw error;
  }
  throw new Error('expected a ScimClientError');
}

describe('ScimClient against scimsync’s own SCIM server', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let baseUrl: string;
  let client: ScimClient;
  const events: ScimRequestEvent[] = [];

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    tenant = await server.createTenant();
    baseUrl = `${await server.listen()}${tenant.scimPath}`;
    client = new ScimClient({ baseUrl, token: tenant.apiKey, onRequest: (e) => events.push(e) });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('creates, finds, reads, replaces, patches and deletes a user', async () => {
    const created = await client.create('Users', {
      schemas: [USER_SCHEMA],
      userName: 'ada.lovelace@example.com',
      externalId: 'entra-1',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      active: true,
    });
    const id = created['id'];
    expect(typeof id).toBe('string');
    if (typeof id !== 'string') return;

    const found = await client.list('Users', {
      filter: 'userName eq "ada.lovelace@example.com"',
      attributes: ['userName'],
    });
    expect(found.totalResults).toBe(1);
    expect(found.resources[0]).toMatchObject({ id, userName: 'ada.lovelace@example.com' });
    expect(found.resources[0]).not.toHaveProperty('name');

    expect(await client.get('Users', id)).toMatchObject({
      id,
      externalId: 'entra-1',
      name: { givenName: 'Ada' },
    });

    const replaced = await client.replace('Users', id, {
      schemas: [USER_SCHEMA],
      userName: 'ada.lovelace@example.com',
      externalId: 'entra-1',
      displayName: 'Countess of Lovelace',
      active: true,
    });
    expect(replaced).toMatchObject({ id, displayName: 'Countess of Lovelace' });
    expect(replaced).not.toHaveProperty('name');

    const patched = await client.patch('Users', id, [{ op: 'replace', path: 'active', value: false }]);
    expect(patched === undefined ? await client.get('Users', id) : patched).toMatchObject({ active: false });

    await client.delete('Users', id);
    expect(await client.get('Users', id)).toBeUndefined();
    expect(await rejection(client.delete('Users', id))).toMatchObject({ code: 'NotFound', status: 404 });
  });

  it('adds members to a group with PATCH and lists groups without members', async () => {
    const user = await client.create('Users', { schemas: [USER_SCHEMA], userName: 'grace@example.com' });
    const group = await client.create('Groups', { schemas: [GROUP_SCHEMA], displayName: 'Engineers' });
    const groupId = String(group['id']);
    await client.patch('Groups', groupId, [{ op: 'add', path: 'members', value: [{ value: user['id'] }] }]);
    const read = await client.get('Groups', groupId);
    expect(read?.['members']).toEqual([expect.objectContaining({ value: user['id'] })]);
    const page = await client.list('Groups', {
      filter: 'displayName eq "Engineers"',
      excludedAttributes: ['members'],
    });
    expect(page.totalResults).toBe(1);
    expect(page.resources[0]).not.toHaveProperty('members');
  });

  it('reports a duplicate userName as Conflict with scimType uniqueness, without retrying', async () => {
    await client.create('Users', { schemas: [USER_SCHEMA], userName: 'twice@example.com' });
    const before = client.requestCount;
    const error = await rejection(
      client.create('Users', { schemas: [USER_SCHEMA], userName: 'twice@example.com' }),
    );
    expect(error).toMatchObject({ code: 'Conflict', status: 409, scimType: 'uniqueness', retryable: false });
    expect(error.message).toMatch(/^POST \/Users: conflict \(409\)/);
    expect(client.requestCount).toBe(before + 1);
  });

  it('reports a wrong token as Unauthorized with the server’s detail', async () => {
    const wrong = new ScimClient({ baseUrl, token: 'not-the-key' });
    try {
      const error = await rejection(wrong.list('Users'));
      expect(error).toMatchObject({ code: 'Unauthorized', status: 401, retryable: false, attempts: 1 });
      expect(error.detail).toBeTruthy();
    } finally {
      await wrong.close();
    }
  });

  it('reads the service provider configuration and the schemas', async () => {
    const config = await client.serviceProviderConfig();
    expect(config).toMatchObject({ patch: { supported: true } });
    const schemas = await client.schemas();
    expect(schemas.map((s) => s['id'])).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA]));
  });

  it('told onRequest about every attempt with paths relative to the base URL', () => {
    expect(events.length).toBe(client.requestCount);
    expect(events.every((e) => e.path.startsWith('/') && !e.path.includes('/scim/'))).toBe(true);
    expect(
      events.some(
        (e) =>
          e.path === '/Users?filter=userName%20eq%20%22ada.lovelace%40example.com%22&attributes=userName',
      ),
    ).toBe(true);
  });
});
