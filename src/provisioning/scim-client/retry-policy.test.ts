import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';

describe('backoffDelay', () => {
  const base = { baseMs: 500, capMs: 30_000 };

  it('doubles the ceiling per failed attempt and scales it by the random draw', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { ...base, random: () => 0.999999 }))).toEqual([
      499, 999, 1999, 3999,
    ]);
    expect(backoffDelay(3, { ...base, random: () => 0.5 })).toBe(1000);
    expect(backoffDelay(3, { ...base, random: () => 0 })).toBe(0);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(backoffDelay(40, { ...base, random: () => 0.999999 })).toBe(29_999);
    expect(backoffDelay(2000, { ...base, random: () => 1 })).toBe(30_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-03-01T10:00:00Z');

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter(['3', '9'], now)).toBe(3000);
  });

  it('reads an HTTP-date as the time left until then, never negative', () => {
    expect(parseRetryAfter('Sat, 01 Mar 2025 10:00:42 GMT', now)).toBe(42_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 09:00:00 GMT', now)).toBe(0);
  });

  it('returns undefined for absent or unreadable values, so backoff applies', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', 'Blursday, 99 Foo 2025']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});
