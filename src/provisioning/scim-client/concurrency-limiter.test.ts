import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from './concurrency-limiter.js';

describe('ConcurrencyLimiter', () => {
  it('admits up to the limit and serves waiters first come, first served', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const first = await limiter.acquire();
    const second = await limiter.acquire();
    const order: number[] = [];
    const third = limiter.acquire().then((release) => (order.push(3), release));
    const fourth = limiter.acquire().then((release) => (order.push(4), release));
    await Promise.resolve();
    expect(limiter.active).toBe(2);
    expect(limiter.waiting).toBe(2);
    expect(order).toEqual([]);
    first();
    first(); // a second call must not free another slot
    const releaseThird = await third;
    expect(order).toEqual([3]);
    expect(limiter.waiting).toBe(1);
    second();
    (await fourth)();
    releaseThird();
    expect(order).toEqual([3, 4]);
    expect(limiter.active).toBe(0);
  });

  it('rejects a limit that is not a positive integer', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1.5)).toThrow(RangeError);
  });
});
