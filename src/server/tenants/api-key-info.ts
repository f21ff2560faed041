import type { ApiKeyRecord } from '../../store/index.js';

/** What may be shown about a key: never its secret or hash. */
export interface ApiKeyInfo {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly status: ApiKeyStatus;
}

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

/** A key as returned by create/regenerate: the only time `token` is ever available. */
export interface IssuedApiKey extends ApiKeyInfo {
  /** The bearer token `scimsync_<keyId>_<secret>`. */
  readonly token: string;
}

export function apiKeyStatus(key: ApiKeyRecord, now: Date): ApiKeyStatus {
  if (key.revokedAt !== undefined) return 'revoked';
  return Date.parse(key.expiresAt) <= now.getTime() ? 'expired' : 'active';
}

export function toApiKeyInfo(key: ApiKeyRecord, now: Date): ApiKeyInfo {
  return {
    id: key.id,
    tenantId: key.tenantId,
    name: key.name,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt ?? null,
    lastUsedAt: key.lastUsedAt ?? null,
    status: apiKeyStatus(key, now),
  };
}
