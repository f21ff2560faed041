import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retry-policy.js';

describe('backoffDelay properties', () => {
  it('stays within [0, min(cap, base·2^(n−1))] and grows with the random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (attempt, baseMs, capMs, r1, r2) => {
          const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
          const [low, high] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const a = backoffDelay(attempt, { baseMs, capMs, random: () => low });
          const b = backoffDelay(attempt, { baseMs, capMs, random: () => high });
          expect(a).toBeGreaterThanOrEqual(0);
          expect(b).toBeLessThanOrEqual(ceiling);
          expect(a).toBeLessThanOrEqual(b);
          expect(Number.isInteger(a)).toBe(true);
        },
      ),
    );
  });
});
