import { describe, expect, it } from 'vitest';
import { WriteCoalescer } from './write-coalescer.js';

/** A write whose end the test decides: batches as written, each one's promise settled by hand. */
function controlledWriter() {
  const batches: number[][] = [];
  const settle: Array<{ resolve: (value: string) => void; reject: (error: Error) => void }> = [];
  const write = (jobs: readonly number[]) =>
    new Promise<string>((resolve, reject) => {
      batches.push([...jobs]);
      settle.push({ resolve, reject });
    });
  return { batches, settle, write };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteCoalescer', () => {
  const options = { maxJobs: 3, maxSize: 10, sizeOf: (job: number) => job };

  it('starts an idle key at once and batches what arrives meanwhile, in arrival order', async () => {
    const coalescer = new WriteCoalescer<number, string>(options);
    const { batches, settle, write } = controlledWriter();
    const first = coalescer.submit('g', 1, write);
    await tick();
    expect(batches).toEqual([[1]]);
    const later = [2, 3, 1, 1].map((job) => coalescer.submit('g', job, write));
    await tick();
    expect(batches).toHaveLength(1);
    settle[0]!.resolve('v1');
    expect(await first).toBe('v1');
    await tick();
    // At most three jobs a batch: the fourth waits for the next.
    expect(batches[1]).toEqual([2, 3, 1]);
    settle[1]!.resolve('v2');
    await tick();
    expect(batches[2]).toEqual([1]);
    settle[2]!.resolve('v3');
    expect(await Promise.all(later)).toEqual(['v2', 'v2', 'v2', 'v3']);
  });

  it('keeps keys apart and closes a batch at its size bound, one oversized job still alone', async () => {
    const coalescer = new WriteCoalescer<number, string>(options);
    const { batches, settle, write } = controlledWriter();
    const a = coalescer.submit('a', 1, write);
    const b = coalescer.submit('b', 1, write);
    await tick();
    expect(batches).toEqual([[1], [1]]);
    const waiting = [6, 5, 20].map((job) => coalescer.submit('a', job, write));
    settle[0]!.resolve('a1');
    settle[1]!.resolve('b1');
    expect([await a, await b]).toEqual(['a1', 'b1']);
    await tick();
    expect(batches[2]).toEqual([6]); // 6 + 5 would pass the bound of 10
    settle[2]!.resolve('a2');
    await tick();
    expect(batches[3]).toEqual([5]);
    settle[3]!.resolve('a3');
    await tick();
    expect(batches[4]).toEqual([20]);
    settle[4]!.resolve('a4');
    expect(await Promise.all(waiting)).toEqual(['a2', 'a3', 'a4']);
  });

  it('retries a failed batch one job at a time, so each gets its own outcome', async () => {
    const coalescer = new WriteCoalescer<number, string>({ ...options, maxJobs: 10, maxSize: 100 });
    const written: number[][] = [];
    let hold: (() => void) | undefined;
    const write = async (jobs: readonly number[]) => {
      written.push([...jobs]);
      if (jobs.length === 1 && jobs[0] === 0) await new Promise<void>((resolve) => (hold = resolve));
      if (jobs.includes(13)) throw new Error(`unlucky ${jobs.join(',')}`);
      return `ok ${jobs.join(',')}`;
    };
    const first = coalescer.submit('g', 0, write);
    await tick();
    const rest = [1, 13, 2].map((job) =>
      coalescer.submit('g', job, write).then(
        (value) => value,
        (error: Error) => error.message,
      ),
    );
    hold!();
    expect(await first).toBe('ok 0');
    expect(await Promise.all(rest)).toEqual(['ok 1', 'unlucky 13', 'ok 2']);
    expect(written).toEqual([[0], [1, 13, 2], [1], [13], [2]]);
    // The key is idle again: the next job runs alone, at once.
    expect(await coalescer.submit('g', 5, write)).toBe('ok 5');
  });

  it('rejects a lone failing job with its own error', async () => {
    const coalescer = new WriteCoalescer<number, string>(options);
    await expect(coalescer.submit('g', 1, () => Promise.reject(new Error('no such group')))).rejects.toThrow(
      'no such group',
    );
    expect(await coalescer.submit('g', 1, () => Promise.resolve('fine'))).toBe('fine');
  });
});
