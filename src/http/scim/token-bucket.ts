export interface TokenBucketOptions {
  readonly requestsPerSecond: number;
  /** Requests allowed at once after a quiet period; default `requestsPerSecond`. */
  readonly burst?: number;
}

/**
 * A token bucket per key (tenant): `burst` tokens, refilled at `requestsPerSecond`. In memory,
 * per process: with N `serve` processes the tenant's effective limit is N times the setting.
 */
export class TokenBucketLimiter {
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(options: TokenBucketOptions, now: () => number = Date.now) {
    if (!(options.requestsPerSecond > 0)) throw new TypeError('requestsPerSecond must be positive');
    this.#rate = options.requestsPerSecond;
    this.#burst = Math.max(1, options.burst ?? options.requestsPerSecond);
    this.#now = now;
  }

  /** Takes one token for `key`: 0 when allowed, else the whole seconds until a token is there. */
  take(key: string): number {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + ((now - bucket.at) / 1000) * this.#rate);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#rate));
  }
}
