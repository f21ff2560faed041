import type { Store } from '../../store/index.js';
import { onTenantChange } from './tenant-changes.js';

export interface VerifiedDomainsCacheOptions {
  /** How long a tenant's domains are used without asking the store; 5 s by default. */
  readonly ttlMs?: number;
  /** Most tenants remembered; the oldest is forgotten first. 1,000 by default. */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

export const DEFAULT_DOMAINS_CACHE_TTL_MS = 5_000;
const DEFAULT_DOMAINS_CACHE_ENTRIES = 1_000;

interface Entry {
  readonly domains: readonly string[];
  readonly until: number;
}

/**
 * Each tenant's verified domains for a few seconds: every user write checks its emails against
 * them, and reading the tenant and its domains was two of a POST's five statements. A change
 * made in this process (admin API, or any TenantService on the same store) drops the entry at
 * once; one made by another process (the CLI next to a running server) applies within `ttlMs`,
 * as for revoked API keys.
 */
export class VerifiedDomainsCache {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();

  constructor(store: Store, options: VerifiedDomainsCacheOptions = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? DEFAULT_DOMAINS_CACHE_TTL_MS;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_DOMAINS_CACHE_ENTRIES);
    this.#now = options.now ?? Date.now;
    onTenantChange(store, (change) => this.#entries.delete(change.tenantId));
  }

  /** The tenant's verified domains (none for a tenant that does not exist). */
  async get(tenantId: string): Promise<readonly string[]> {
    const entry = this.#entries.get(tenantId);
    if (entry !== undefined && entry.until > this.#now()) return entry.domains;
    const asked = this.#now();
    const domains = (await this.#store.tenants.get(tenantId))?.verifiedDomains ?? [];
    if (this.#ttlMs > 0) this.#remember(tenantId, { domains, until: asked + this.#ttlMs });
    return domains;
  }

  #remember(tenantId: string, entry: Entry): void {
    this.#entries.delete(tenantId);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
    this.#entries.set(tenantId, entry);
  }
}
