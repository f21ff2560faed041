import * as crypto from 'node:crypto';
import type * as Crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { generateApiKeySecret, hashSecret, parseApiKey, secretMatches } from './api-key-secret.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

describe('API key secrets', () => {
  it('issues scimsync_<keyId>_<secret> with a 32-byte secret and stores only its SHA-256', () => {
    const key = generateApiKeySecret();
    expect(key.token).toMatch(/^scimsync_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const parsed = parseApiKey(key.token);
    expect(parsed?.keyId).toBe(key.keyId);
    expect(Buffer.from(parsed?.secret ?? '', 'base64url')).toHaveLength(32);
    expect(key.secretHash).toBe(hashSecret(parsed?.secret ?? ''));
    expect(key.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.token).not.toContain(key.secretHash);
  });

  it('never issues the same key twice', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generateApiKeySecret().token));
    expect(tokens.size).toBe(200);
  });

  it('parses a secret that itself contains underscores', () => {
    const secret = `${'_'.repeat(3)}${'a'.repeat(40)}`;
    expect(parseApiKey(`scimsync_0123456789abcdef_${secret}`)).toEqual({ keyId: '0123456789abcdef', secret });
  });

  it.each([
    '',
    'scimsync_',
    'Bearer scimsync_0123456789abcdef_' + 'a'.repeat(43),
    'scimsync_0123456789ABCDEF_' + 'a'.repeat(43),
    'scimsync_0123456789abcdef_' + 'a'.repeat(42),
    'scimsync_0123456789abcdef_' + 'a'.repeat(44),
    'other_0123456789abcdef_' + 'a'.repeat(43),
  ])('rejects the malformed token %j', (token) => {
    expect(parseApiKey(token)).toBeUndefined();
  });

  it('compares hashes with crypto.timingSafeEqual, also for a malformed stored hash', () => {
    const key = generateApiKeySecret();
    const secret = parseApiKey(key.token)?.secret ?? '';
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(secretMatches(secret, key.secretHash)).toBe(true);
    const tampered = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    expect(secretMatches(tampered, key.secretHash)).toBe(false);
    expect(secretMatches(secret, 'not-a-hash')).toBe(false);
    expect(secretMatches(secret, key.secretHash.toUpperCase())).toBe(false);
    expect(spy).toHaveBeenCalledTimes(4);
  });
});
