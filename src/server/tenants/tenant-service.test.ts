import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../store/index.js';
import { openTestStore, testEngines, type TestStore } from '../../store/testing/index.js';
import { catchErrorAsync } from '../testing/catch-error.js';
import { TenantService } from './tenant-service.js';

const DAY = 86_400_000;

describe.each(testEngines())('TenantService on %s', (engine) => {
  let testStore: TestStore | undefined;
  let store: Store;
  let now = new Date('2030-01-01T00:00:00.000Z');
  let service: TenantService;
  const advance = (ms: number) => void (now = new Date(now.getTime() + ms));

  beforeAll(async () => {
    testStore = await openTestStore(engine);
    store = testStore.store;
    service = new TenantService({ store, now: () => now });
  });
  afterAll(async () => {
    await testStore?.dispose();
  });

  describe('tenants', () => {
    it('creates a tenant with a UUID, a trimmed name, normalised domains and a first key', async () => {
      const { tenant, apiKey } = await service.createTenant({
        name: '  Acme  ',
        verifiedDomains: ['Example.COM', 'b.example.org', 'example.com'],
      });
      expect(tenant.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(tenant.name).toBe('Acme');
      expect(tenant.verifiedDomains).toEqual(['b.example.org', 'example.com']);
      expect(apiKey.token).toMatch(new RegExp(`^scimsync_${apiKey.id}_`));
      expect(apiKey).toMatchObject({
        tenantId: tenant.id,
        name: 'default',
        status: 'active',
        revokedAt: null,
      });
      expect(Date.parse(apiKey.expiresAt) - now.getTime()).toBe(365 * DAY);
      expect(await service.getTenant(tenant.id)).toEqual(tenant);
      expect((await service.listTenants()).map((t) => t.id)).toContain(tenant.id);
      const audit = await service.listAudit(tenant.id);
      expect(audit.map((e) => e.action)).toEqual(['key.create', 'tenant.create']);
      expect(audit.every((e) => e.actor === 'admin')).toBe(true);
      expect(JSON.stringify(audit)).not.toContain(apiKey.token.slice('scimsync_'.length + 17));
    });

    it.each([[''], ['   '], ['x'.repeat(201)]])('refuses the name %j', async (name) => {
      const error = await catchErrorAsync(() => service.createTenant({ name }));
      expect(error?.code).toBe('SCIMSYNC_ERR_INVALID_TENANT_NAME');
    });

    it('refuses a bad domain and creates nothing', async () => {
      const before = (await service.listTenants()).length;
      const error = await catchErrorAsync(() =>
        service.createTenant({ name: 'Bad', verifiedDomains: ['example.com', 'not a domain'] }),
      );
      expect(error?.code).toBe('SCIMSYNC_ERR_INVALID_DOMAIN');
      expect(error?.message).toContain('not a domain');
      expect(await service.listTenants()).toHaveLength(before);
    });

    it('reports unknown tenants with SCIMSYNC_ERR_TENANT_NOT_FOUND everywhere', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const calls = [
        () => service.getTenant(id),
        () => service.deleteTenant(id),
        () => service.createApiKey(id),
        () => service.listApiKeys(id),
        () => service.revokeApiKey(id, '0123456789abcdef'),
        () => service.regenerateApiKey(id),
        () => service.addDomain(id, 'example.com'),
        () => service.removeDomain(id, 'example.com'),
        () => service.listAudit(id),
      ];
      for (const call of calls) {
        const error = await catchErrorAsync(call);
        expect(error?.code).toBe('SCIMSYNC_ERR_TENANT_NOT_FOUND');
        expect(error?.status).toBe(404);
      }
    });

    it('deletes a tenant, and its keys stop working', async () => {
      const { tenant, apiKey } = await service.createTenant({ name: 'Doomed' });
      expect(await service.verifyApiKey(apiKey.token)).toBeDefined();
      await service.deleteTenant(tenant.id);
      expect((await catchErrorAsync(() => service.getTenant(tenant.id)))?.code).toBe(
        'SCIMSYNC_ERR_TENANT_NOT_FOUND',
      );
      expect(await service.verifyApiKey(apiKey.token)).toBeUndefined();
    });
  });

  describe('API keys', () => {
    it('verifies a key for its tenant, and nothing else', async () => {
      const { tenant, apiKey } = await service.createTenant({ name: 'Keys' });
      expect(await service.verifyApiKey(apiKey.token)).toEqual({
        tenantId: tenant.id,
        keyId: apiKey.id,
        actor: `key:${apiKey.id}`,
        expiresAt: apiKey.expiresAt,
      });
      const last = apiKey.token.slice(-1);
      const tampered = `${apiKey.token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
      expect(await service.verifyApiKey(tampered)).toBeUndefined();
      const unknownId = apiKey.token.replace(apiKey.id, 'ffffffffffffffff');
      expect(await service.verifyApiKey(unknownId)).toBeUndefined();
      expect(await service.verifyApiKey('')).toBeUndefined();
      expect(await service.verifyApiKey(`${apiKey.token}x`)).toBeUndefined();
    });

    it('lists keys without secrets or hashes', async () => {
      const { tenant } = await service.createTenant({ name: 'Listing' });
      const second = await service.createApiKey(tenant.id, { name: 'okta', expiresInDays: 30 });
      const keys = await service.listApiKeys(tenant.id);
      expect(keys.map((k) => k.name).sort()).toEqual(['default', 'okta']);
      for (const key of keys) {
        expect(Object.keys(key).sort()).toEqual(
          ['createdAt', 'expiresAt', 'id', 'lastUsedAt', 'name', 'revokedAt', 'status', 'tenantId'].sort(),
        );
      }
      expect(JSON.stringify(keys)).not.toContain(second.token.slice('scimsync_'.length + 17));
      expect(Date.parse(second.expiresAt) - Date.parse(second.createdAt)).toBe(30 * DAY);
    });

    it('fails expired keys and lists them as expired', async () => {
      const { tenant } = await service.createTenant({ name: 'Expiry' });
      const key = await service.createApiKey(tenant.id, { name: 'short', expiresInDays: 1 });
      advance(DAY - 1000);
      expect(await service.verifyApiKey(key.token)).toBeDefined();
      advance(1000);
      expect(await service.verifyApiKey(key.token)).toBeUndefined();
      const listed = (await service.listApiKeys(tenant.id)).find((k) => k.id === key.id);
      expect(listed?.status).toBe('expired');
    });

    it.each([0, -1, 1.5, 3651])('refuses expiresInDays %j', async (expiresInDays) => {
      const { tenant } = await service.createTenant({ name: 'Bad expiry' });
      const error = await catchErrorAsync(() => service.createApiKey(tenant.id, { expiresInDays }));
      expect(error?.code).toBe('SCIMSYNC_ERR_INVALID_KEY_EXPIRY');
    });

    it('refuses a blank key name', async () => {
      const { tenant } = await service.createTenant({ name: 'Blank key' });
      const error = await catchErrorAsync(() => service.createApiKey(tenant.id, { name: ' ' }));
      expect(error?.code).toBe('SCIMSYNC_ERR_INVALID_API_KEY_NAME');
    });

    it('revokes a key once; a revoked key fails', async () => {
      const { tenant, apiKey } = await service.createTenant({ name: 'Revoke' });
      await service.revokeApiKey(tenant.id, apiKey.id);
      expect(await service.verifyApiKey(apiKey.token)).toBeUndefined();
      const again = await catchErrorAsync(() => service.revokeApiKey(tenant.id, apiKey.id));
      expect(again?.code).toBe('SCIMSYNC_ERR_API_KEY_NOT_FOUND');
      const listed = await service.listApiKeys(tenant.id);
      expect(listed[0]).toMatchObject({ status: 'revoked', revokedAt: now.toISOString() });
      expect((await service.listAudit(tenant.id, { limit: 1 }))[0]).toMatchObject({
        action: 'key.revoke',
        resourceId: apiKey.id,
      });
    });

    it("cannot revoke another tenant's key", async () => {
      const a = await service.createTenant({ name: 'A' });
      const b = await service.createTenant({ name: 'B' });
      const error = await catchErrorAsync(() => service.revokeApiKey(a.tenant.id, b.apiKey.id));
      expect(error?.code).toBe('SCIMSYNC_ERR_API_KEY_NOT_FOUND');
      expect(await service.verifyApiKey(b.apiKey.token)).toBeDefined();
    });

    it('regenerating invalidates the old key of that name and leaves other names alone', async () => {
      const { tenant, apiKey: old } = await service.createTenant({ name: 'Rotate' });
      const okta = await service.createApiKey(tenant.id, { name: 'okta' });
      const { apiKey: fresh, revoked } = await service.regenerateApiKey(tenant.id);
      expect(revoked).toEqual([old.id]);
      expect(fresh.name).toBe('default');
      expect(await service.verifyApiKey(old.token)).toBeUndefined();
      expect((await service.verifyApiKey(fresh.token))?.keyId).toBe(fresh.id);
      expect(await service.verifyApiKey(okta.token)).toBeDefined();
      const rotated = await service.regenerateApiKey(tenant.id, { name: 'okta', expiresInDays: 7 });
      expect(rotated.revoked).toEqual([okta.id]);
      expect(await service.verifyApiKey(okta.token)).toBeUndefined();
      expect(await service.verifyApiKey(fresh.token)).toBeDefined();
      const audit = await service.listAudit(tenant.id, { limit: 1 });
      expect(audit[0]).toMatchObject({ action: 'key.regenerate', detail: { revoked: [okta.id] } });
    });

    it('records use at most once a minute', async () => {
      const { apiKey } = await service.createTenant({ name: 'Touch' });
      const touch = vi.spyOn(store.apiKeys, 'touch');
      try {
        await service.verifyApiKey(apiKey.token);
        advance(30_000);
        await service.verifyApiKey(apiKey.token);
        expect(touch).toHaveBeenCalledTimes(1);
        advance(30_000);
        await service.verifyApiKey(apiKey.token);
        expect(touch).toHaveBeenCalledTimes(2);
        const [listed] = await service.listApiKeys(apiKey.tenantId);
        expect(listed?.lastUsedAt).toBe(now.toISOString());
      } finally {
        touch.mockRestore();
      }
    });
  });

  describe('domains and audit', () => {
    it('adds (idempotently) and removes verified domains, with audit entries', async () => {
      const { tenant } = await service.createTenant({ name: 'Domains' });
      expect((await service.addDomain(tenant.id, ' Example.COM')).verifiedDomains).toEqual(['example.com']);
      expect((await service.addDomain(tenant.id, 'example.com')).verifiedDomains).toEqual(['example.com']);
      expect((await service.addDomain(tenant.id, 'a.example.org')).verifiedDomains).toEqual([
        'a.example.org',
        'example.com',
      ]);
      expect((await service.removeDomain(tenant.id, 'EXAMPLE.com')).verifiedDomains).toEqual([
        'a.example.org',
      ]);
      const missing = await catchErrorAsync(() => service.removeDomain(tenant.id, 'example.com'));
      expect(missing?.code).toBe('SCIMSYNC_ERR_DOMAIN_NOT_FOUND');
      const invalid = await catchErrorAsync(() => service.addDomain(tenant.id, 'nope'));
      expect(invalid?.code).toBe('SCIMSYNC_ERR_INVALID_DOMAIN');
      const actions = (await service.listAudit(tenant.id)).map((e) => `${e.action} ${e.resourceId ?? ''}`);
      expect(actions.slice(0, 3)).toEqual([
        'domain.remove example.com',
        'domain.add a.example.org',
        'domain.add example.com',
      ]);
    });

    it('pages the audit log newest first with limit and before', async () => {
      const { tenant } = await service.createTenant({ name: 'Audit' });
      for (const d of ['a.com', 'b.com', 'c.com']) await service.addDomain(tenant.id, d);
      const all = await service.listAudit(tenant.id);
      expect(all).toHaveLength(5);
      const sequences = all.map((e) => e.sequence);
      expect([...sequences].sort((x, y) => y - x)).toEqual(sequences);
      const first = await service.listAudit(tenant.id, { limit: 2 });
      const second = await service.listAudit(tenant.id, { limit: 2, before: first[1]?.sequence ?? 0 });
      expect([...first, ...second].map((e) => e.sequence)).toEqual(sequences.slice(0, 4));
    });
  });
});
