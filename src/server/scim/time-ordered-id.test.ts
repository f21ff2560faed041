import { describe, expect, it } from 'vitest';
import { timeOrderedUuid } from './time-ordered-id.js';

describe('timeOrderedUuid', () => {
  it('is an RFC 9562 version 7 UUID carrying the millisecond timestamp', () => {
    const at = Date.UTC(2026, 10, 29, 3, 0, 0, 123);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('sorts by creation time across milliseconds and stays unique within one', () => {
    const ids = Array.from({ length: 1000 }, (_, i) =>
      timeOrderedUuid(1_700_000_000_000 + Math.floor(i / 10)),
    );
    for (let i = 10; i < ids.length; i += 10) expect(ids[i - 1]! < ids[i]!).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
