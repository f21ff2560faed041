import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScimError } from '../scim/index.js';
import { TenantService, type CreatedTenant } from '../server/index.js';
import { openTestStore, testEngines, type TestStore } from '../store/testing/index.js';
import { createScimAuthenticator, type ScimAuthenticator } from './scim-authenticator.js';

function requestWith(token: string): FastifyRequest {
  return { headers: { authorization: `Bearer ${token}` } } as unknown as FastifyRequest;
}

async function status(authenticate: ScimAuthenticator, token: string, tenantId: string): Promise<number> {
  try {
    await authenticate(requestWith(token), tenantId);
    return 200;
  } catch (error) {
    if (error instanceof ScimError) return error.status;
    throw error;
  }
}

describe.each(testEngines())('createScimAuthenticator on %s', (engine) => {
  let testStore: TestStore;
  let tenants: TenantService;
  let clock = 1_000_000;
  let authenticate: ScimAuthenticator;

  beforeAll(async () => {
    testStore = await openTestStore(engine);
    tenants = new TenantService({ store: testStore.store });
    authenticate = createScimAuthenticator(tenants, { cache: { ttlMs: 5_000, now: () => clock } });
  });
  afterAll(async () => {
    await testStore?.dispose();
  });

  const newTenant = (name: string): Promise<CreatedTenant> => tenants.createTenant({ name });

  it('keeps accepting a key revoked by another process until the TTL has passed', async () => {
    const { tenant, apiKey } = await newTenant('Other process');
    expect(await status(authenticate, apiKey.token, tenant.id)).toBe(200);
    // The store alone, as the CLI in another process would revoke: no in-process announcement.
    await testStore.store.apiKeys.revoke(tenant.id, apiKey.id, new Date().toISOString());
    clock += 4_999;
    expect(await status(authenticate, apiKey.token, tenant.id)).toBe(200);
    clock += 1;
    expect(await status(authenticate, apiKey.token, tenant.id)).toBe(401);
  });

  it('rejects a key revoked in this process at once, through any TenantService on the store', async () => {
    const { tenant, apiKey } = await newTenant('Same process');
    expect(await status(authenticate, apiKey.token, tenant.id)).toBe(200);
    await new TenantService({ store: testStore.store }).revokeApiKey(tenant.id, apiKey.id);
    expect(await status(authenticate, apiKey.token, tenant.id)).toBe(401);
  });

  it('rejects the keys a regeneration revoked and those of a deleted tenant at once', async () => {
    const rotated = await newTenant('Rotated');
    expect(await status(authenticate, rotated.apiKey.token, rotated.tenant.id)).toBe(200);
    const { apiKey: fresh } = await tenants.regenerateApiKey(rotated.tenant.id);
    expect(await status(authenticate, rotated.apiKey.token, rotated.tenant.id)).toBe(401);
    expect(await status(authenticate, fresh.token, rotated.tenant.id)).toBe(200);

    const deleted = await newTenant('Deleted');
    expect(await status(authenticate, deleted.apiKey.token, deleted.tenant.id)).toBe(200);
    await tenants.deleteTenant(deleted.tenant.id);
    expect(await status(authenticate, deleted.apiKey.token, deleted.tenant.id)).toBe(401);
  });

  it('never lets a cached key into another tenant, nor a tampered token through', async () => {
    const mine = await newTenant('Mine');
    const theirs = await newTenant('Theirs');
    expect(await status(authenticate, mine.apiKey.token, mine.tenant.id)).toBe(200);
    expect(await status(authenticate, mine.apiKey.token, theirs.tenant.id)).toBe(401);
    const token = mine.apiKey.token;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await status(authenticate, tampered, mine.tenant.id)).toBe(401);
  });
});
