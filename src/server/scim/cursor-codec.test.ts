import { describe, expect, it } from 'vitest';
import { parseListQuery } from '../../scim/index.js';
import { cursorQueryKey, decodeCursor, encodeCursor } from './cursor-codec.js';
import { BadCursor } from './errors.js';

describe('cursor codec', () => {
  const key = cursorQueryKey('User', parseListQuery({ filter: 'userName sw "a"', sortBy: 'userName' }));

  it('round-trips a position bound to its query', () => {
    const cursor = encodeCursor({ position: 'p1' }, key, 2000);
    expect(decodeCursor(cursor, key, 1000)).toEqual({ position: 'p1' });
  });

  it('rejects cursors of another query, garbage and expired ones', () => {
    const cursor = encodeCursor({ position: 'p1' }, key, 2000);
    const otherKey = cursorQueryKey(
      'User',
      parseListQuery({ filter: 'userName sw "b"', sortBy: 'userName' }),
    );
    expect(() => decodeCursor(cursor, otherKey, 1000)).toThrow(BadCursor);
    expect(() => decodeCursor('%%%', key, 1000)).toThrow(BadCursor);
    expect(() => decodeCursor(cursor, key, 3000)).toThrow(
      expect.objectContaining({ reason: 'expired' }) as Error,
    );
  });
});
