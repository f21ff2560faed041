import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseListQuery } from '../../scim/index.js';
import { openTestStore, testEngines, type TestStore } from '../../store/testing/index.js';
import { TenantService } from '../tenants/index.js';
import { ScimService } from './scim-service.js';
import type { ResourceResult, ScimContext } from './scim-context.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe.each(testEngines())('GET served from the stored JSON text on %s', (engine) => {
  let test: TestStore;
  let service: ScimService;
  let ctx: ScimContext;
  beforeAll(async () => {
    test = await openTestStore(engine);
    const { tenant } = await new TenantService({ store: test.store }).createTenant({ name: 'verbatim' });
    service = new ScimService({ store: test.store });
    ctx = {
      tenantId: tenant.id,
      actor: 'key:test',
      baseUrl: `https://scim.example.com/scim/directory/${tenant.id}`,
    };
  });
  afterAll(async () => test.dispose());

  const create = async (userName: string, extra: Record<string, unknown> = {}) =>
    await service.create(ctx, 'User', { schemas: [USER], userName, ...extra });

  it('answers with text where the store keeps JSON as text (SQLite), equal to the decoded answer', async () => {
    const created = await create('text@example.com', { name: { givenName: 'T' } });
    const got = (await service.get(ctx, 'User', String(created.resource['id']))) as ResourceResult;
    expect(got.json !== undefined).toBe(engine === 'sqlite');
    expect(got.resource).toEqual(created.resource);
    if (got.json !== undefined) expect(JSON.parse(got.json)).toEqual(created.resource);
    const list = await service.list(ctx, 'User', parseListQuery({}));
    expect(list.Resources).toContainEqual(created.resource);
  });

  it('decodes and projects a user whose stored data holds a write-only password', async () => {
    const created = await create('secret@example.com', { password: 'never-shown-1' });
    const got = (await service.get(ctx, 'User', String(created.resource['id']))) as ResourceResult;
    expect(got.json).toBeUndefined();
    expect(got.resource['password']).toBeUndefined();
    expect(got.resource['userName']).toBe('secret@example.com');
  });
});
