import type { Store } from '../../store/index.js';

/** Which keys stopped being valid: the named ones, or every key of the tenant (tenant deleted). */
export type ApiKeyRevocation =
  | { readonly kind: 'keys'; readonly tenantId: string; readonly keyIds: readonly string[] }
  | { readonly kind: 'tenant'; readonly tenantId: string };

/** A change that caches of tenant data must hear: revoked keys, a deleted tenant, changed domains. */
export type TenantChange = ApiKeyRevocation | { readonly kind: 'domains'; readonly tenantId: string };

export type TenantChangeListener = (change: TenantChange) => void;

/*
 * Keyed by the store, not by the TenantService: the admin API, the CLI helpers and tests may each
 * build their own TenantService over one store, and a cache of tenant data must hear all of them.
 */
const listeners = new WeakMap<Store, Set<TenantChangeListener>>();

/** Calls `listener` after each tenant change committed in this process on `store`; returns the unsubscribe. */
export function onTenantChange(store: Store, listener: TenantChangeListener): () => void {
  let set = listeners.get(store);
  if (set === undefined) {
    set = new Set();
    listeners.set(store, set);
  }
  set.add(listener);
  return () => void set.delete(listener);
}

export function announceTenantChange(store: Store, change: TenantChange): void {
  for (const listener of listeners.get(store) ?? []) listener(change);
}
