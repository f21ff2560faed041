import { createHash } from 'node:crypto';
import type { TenantChange, VerifiedApiKey } from '../server/index.js';

export interface ApiKeyCacheOptions {
  /** How long a verified key is trusted without asking the store; 5 s by default. */
  readonly ttlMs?: number;
  /** Most tokens remembered; the oldest is forgotten first. 1,000 by default. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export const DEFAULT_KEY_CACHE_TTL_MS = 5_000;
export const DEFAULT_KEY_CACHE_ENTRIES = 1_000;

interface Entry {
  readonly verified: VerifiedApiKey;
  readonly until: number;
}

/**
 * Verified API keys for a few seconds, so that a SCIM request does not pay a store read and a
 * hash per request. Only successes are remembered: an unknown or wrong token always reaches the
 * store. A revocation made in this process (admin API, or any TenantService on the same store)
 * removes its keys at once; one made by another process (the CLI next to a running server)
 * takes effect within `ttlMs`. Entries never outlive the key's own expiry.
 *
 * Entries are keyed by the SHA-256 of the token, so the cache holds no usable secret.
 */
export class ApiKeyCache {
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(options: ApiKeyCacheOptions = {}) {
    this.#ttlMs = options.ttlMs ?? DEFAULT_KEY_CACHE_TTL_MS;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_KEY_CACHE_ENTRIES);
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered verification of `token`, or undefined when absent or stale. */
  get(token: string): VerifiedApiKey | undefined {
    const key = tokenKey(token);
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.until <= this.#now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.verified;
  }

  remember(token: string, verified: VerifiedApiKey): void {
    if (this.#ttlMs <= 0) return;
    const key = tokenKey(token);
    const expires = Date.parse(verified.expiresAt);
    const until = Math.min(this.#now() + this.#ttlMs, Number.isNaN(expires) ? 0 : expires);
    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { verified, until });
  }

  /** Drops the keys a change revoked (a domain change revokes none). */
  forget(revocation: TenantChange): void {
    if (revocation.kind === 'domains') return;
    const keyIds = revocation.kind === 'keys' ? new Set(revocation.keyIds) : undefined;
    for (const [key, { verified }] of this.#entries) {
      if (verified.tenantId !== revocation.tenantId) continue;
      if (keyIds === undefined || keyIds.has(verified.keyId)) this.#entries.delete(key);
    }
  }
}

function tokenKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64');
}
