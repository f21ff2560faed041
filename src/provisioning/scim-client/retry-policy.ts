/** When to try a request again and how long to wait first. */

/** Statuses worth another attempt: rate limiting and the transient 5xx (RFC 9110 §15.6). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  readonly random: () => number;
}

/**
 * "Full jitter" exponential backoff: a uniform wait in [0, min(cap, base·2^(n−1))) before retry n,
 * so that many workers hit by the same outage do not come back in lockstep.
 */
export function backoffDelay(failedAttempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, failedAttempt - 1));
  const r = Math.min(Math.max(options.random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * The wait a `Retry-After` header asks for (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns undefined when the header is absent or unreadable, so the caller falls back to backoff.
 */
export function parseRetryAfter(
  header: string | readonly string[] | undefined,
  nowMs: number,
): number | undefined {
  const value = (typeof header === 'string' ? header : header?.[0])?.trim();
  if (value === undefined || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Date.parse also reads ISO strings and bare numbers with signs; accept only something date-like.
  if (!/[a-z]/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
