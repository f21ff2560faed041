/**
 * Writes to one key (a group) that arrive while an earlier write to that key is in progress are
 * written together when it ends: one transaction for the lot instead of one each, waiting on
 * each other's commit. The first write of an idle key starts at once, so a lone request waits
 * for nothing. A batch that fails is retried one job at a time, so each request gets its own
 * outcome (one failing request never fails the others).
 */
export interface WriteCoalescerOptions<Job> {
  /** Most jobs in one batch; the rest wait for the next. */
  readonly maxJobs: number;
  /** A job's size (members it changes); a batch holds at most `maxSize` of it, though always one job. */
  readonly sizeOf: (job: Job) => number;
  readonly maxSize: number;
}

interface Queued<Job, Result> {
  readonly job: Job;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

export class WriteCoalescer<Job, Result> {
  readonly #options: WriteCoalescerOptions<Job>;
  /** Per key with a batch in progress: the jobs waiting for it to end. */
  readonly #waiting = new Map<string, Queued<Job, Result>[]>();

  constructor(options: WriteCoalescerOptions<Job>) {
    this.#options = options;
  }

  /**
   * Runs `job` through `write`, alone or with other jobs for `key` (in arrival order). `write`
   * gives one result for the whole batch, which every job of it receives.
   */
  submit(key: string, job: Job, write: (jobs: readonly Job[]) => Promise<Result>): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      const queued = { job, resolve, reject };
      const waiting = this.#waiting.get(key);
      if (waiting !== undefined) {
        waiting.push(queued);
        return;
      }
      this.#waiting.set(key, []);
      void this.#drain(key, [queued], write);
    });
  }

  async #drain(
    key: string,
    first: Queued<Job, Result>[],
    write: (jobs: readonly Job[]) => Promise<Result>,
  ): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      await this.#run(batch, write);
      const waiting = this.#waiting.get(key) ?? [];
      batch = this.#take(waiting);
      if (batch.length === 0) this.#waiting.delete(key);
    }
  }

  /** Removes and returns the next batch from the front of `waiting`. */
  #take(waiting: Queued<Job, Result>[]): Queued<Job, Result>[] {
    const { maxJobs, maxSize, sizeOf } = this.#options;
    let size = 0;
    let count = 0;
    while (count < waiting.length && count < maxJobs) {
      const next = sizeOf(waiting[count]!.job);
      if (count > 0 && size + next > maxSize) break;
      size += next;
      count++;
    }
    return waiting.splice(0, count);
  }

  async #run(batch: Queued<Job, Result>[], write: (jobs: readonly Job[]) => Promise<Result>): Promise<void> {
    try {
      const result = await write(batch.map((queued) => queued.job));
      for (const queued of batch) queued.resolve(result);
      return;
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
    }
    for (const queued of batch) {
      try {
        queued.resolve(await write([queued.job]));
      } catch (error) {
        queued.reject(error);
      }
    }
  }
}
