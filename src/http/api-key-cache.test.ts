import { describe, expect, it } from 'vitest';
import type { VerifiedApiKey } from '../server/index.js';
import { ApiKeyCache } from './api-key-cache.js';

const verified = (
  keyId: string,
  tenantId = 't1',
  expiresAt = '2100-01-01T00:00:00.000Z',
): VerifiedApiKey => ({
  tenantId,
  keyId,
  actor: `key:${keyId}`,
  expiresAt,
});

describe('ApiKeyCache', () => {
  it('forgets an entry after the TTL', () => {
    let now = 0;
    const cache = new ApiKeyCache({ ttlMs: 100, now: () => now });
    cache.remember('a', verified('k1'));
    now = 99;
    expect(cache.get('a')?.keyId).toBe('k1');
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });

  it("never outlives the key's own expiry", () => {
    let now = Date.parse('2030-01-01T00:00:00.000Z');
    const cache = new ApiKeyCache({ ttlMs: 60_000, now: () => now });
    cache.remember('a', verified('k1', 't1', '2030-01-01T00:00:01.000Z'));
    now += 999;
    expect(cache.get('a')).toBeDefined();
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the oldest entry beyond its size bound', () => {
    const cache = new ApiKeyCache({ maxEntries: 2, now: () => 0 });
    cache.remember('a', verified('k1'));
    cache.remember('b', verified('k2'));
    cache.remember('c', verified('k3'));
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')?.keyId).toBe('k3');
  });

  it('forgets revoked keys, or every key of a deleted tenant', () => {
    const cache = new ApiKeyCache({ now: () => 0 });
    cache.remember('a', verified('k1', 't1'));
    cache.remember('b', verified('k2', 't1'));
    cache.remember('c', verified('k3', 't2'));
    cache.forget({ kind: 'keys', tenantId: 't1', keyIds: ['k1'] });
    expect([cache.get('a'), cache.get('b')?.keyId]).toEqual([undefined, 'k2']);
    cache.forget({ kind: 'tenant', tenantId: 't1' });
    expect([cache.get('b'), cache.get('c')?.keyId]).toEqual([undefined, 'k3']);
  });

  it('remembers nothing with a TTL of 0', () => {
    const cache = new ApiKeyCache({ ttlMs: 0 });
    cache.remember('a', verified('k1'));
    expect(cache.get('a')).toBeUndefined();
  });
});
