/**
 * At most `limit` holders at a time; waiters are served first come, first served. The pool
 * would queue too, but a retry must give its slot up while it sleeps, and the limit has to cover
 * reading the body, which the pool cannot see.
 */
export class ConcurrencyLimiter {
  readonly #limit: number;
  readonly #waiting: (() => void)[] = [];
  #active = 0;

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`concurrency must be a positive integer, not ${limit}`);
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves when a slot is free; call the returned function exactly once to give it back. */
  async acquire(): Promise<() => void> {
    if (this.#active < this.#limit) {
      this.#active++;
    } else {
      // The slot is handed over directly by release(), so #active never dips and no one jumps the queue.
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next === undefined) this.#active--;
      else next();
    };
  }
}
