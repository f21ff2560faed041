import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { openTestStore, testEngines, type TestStore } from '../../store/testing/index.js';
import { TenantService } from './tenant-service.js';
import { VerifiedDomainsCache } from './verified-domains-cache.js';

describe.each(testEngines())('VerifiedDomainsCache on %s', (engine) => {
  let testStore: TestStore | undefined;
  let store: Store;
  let tenants: TenantService;

  beforeAll(async () => {
    testStore = await openTestStore(engine);
    store = testStore.store;
    tenants = new TenantService({ store });
  });
  afterAll(async () => {
    await testStore?.dispose();
  });

  it('serves a tenant’s domains from memory until the TTL ends, then reads them again', async () => {
    const { tenant } = await tenants.createTenant({ name: 'Cached', verifiedDomains: ['a.example.com'] });
    let now = 1_000;
    const cache = new VerifiedDomainsCache(store, { ttlMs: 5_000, now: () => now });
    expect(await cache.get(tenant.id)).toEqual(['a.example.com']);
    // Written behind the cache's back (as another process would): not seen within the TTL…
    await store.tenants.addDomain(tenant.id, 'b.example.com');
    now += 4_999;
    expect(await cache.get(tenant.id)).toEqual(['a.example.com']);
    // …and seen once it has passed.
    now += 1;
    expect(await cache.get(tenant.id)).toEqual(['a.example.com', 'b.example.com']);
  });

  it('forgets a tenant at once when a TenantService in this process changes its domains or deletes it', async () => {
    const { tenant } = await tenants.createTenant({ name: 'Changed', verifiedDomains: ['c.example.com'] });
    const cache = new VerifiedDomainsCache(store, { ttlMs: 60_000 });
    expect(await cache.get(tenant.id)).toEqual(['c.example.com']);
    // Another TenantService over the same store: the cache still hears it.
    await new TenantService({ store }).addDomain(tenant.id, 'd.example.com');
    expect(await cache.get(tenant.id)).toEqual(['c.example.com', 'd.example.com']);
    await tenants.removeDomain(tenant.id, 'c.example.com');
    expect(await cache.get(tenant.id)).toEqual(['d.example.com']);
    await tenants.deleteTenant(tenant.id);
    expect(await cache.get(tenant.id)).toEqual([]);
  });

  it('keeps at most maxEntries tenants, forgetting the oldest', async () => {
    const first = (await tenants.createTenant({ name: 'First', verifiedDomains: ['e.example.com'] })).tenant;
    const second = (await tenants.createTenant({ name: 'Second', verifiedDomains: ['f.example.com'] }))
      .tenant;
    const cache = new VerifiedDomainsCache(store, { ttlMs: 60_000, maxEntries: 1 });
    await cache.get(first.id);
    await cache.get(second.id);
    await store.tenants.addDomain(first.id, 'g.example.com');
    await store.tenants.addDomain(second.id, 'h.example.com');
    // `second` is still served from memory; `first` was evicted, so it is read again.
    expect(await cache.get(second.id)).toEqual(['f.example.com']);
    expect(await cache.get(first.id)).toEqual(['e.example.com', 'g.example.com']);
  });
});
