import type { Store } from '../../store/index.js';

/** Which keys stopped being valid: the named ones, or every key of the tenant (tenant deleted). */
export type ApiKeyRevocation =
  | { readonly kind: 'keys'; readonly tenantId: string; readonly keyIds: readonly string[] }
  | { readonly kind: 'tenant'; readonly tenantId: string };

export type ApiKeyRevocationListener = (revocation: ApiKeyRevocation) => void;

/*
 * Keyed by the store, not by the TenantService: the admin API, the CLI helpers and tests may each
 * build their own TenantService over one store, and a cache of verified keys must hear all of them.
 */
const listeners = new WeakMap<Store, Set<ApiKeyRevocationListener>>();

/** Calls `listener` after each revocation committed in this process on `store`; returns the unsubscribe. */
export function onApiKeyRevocation(store: Store, listener: ApiKeyRevocationListener): () => void {
  let set = listeners.get(store);
  if (set === undefined) {
    set = new Set();
    listeners.set(store, set);
  }
  set.add(listener);
  return () => void set.delete(listener);
}

export function announceApiKeyRevocation(store: Store, revocation: ApiKeyRevocation): void {
  for (const listener of listeners.get(store) ?? []) listener(revocation);
}
