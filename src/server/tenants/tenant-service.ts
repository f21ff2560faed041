import { randomUUID } from 'node:crypto';
import type { ApiKeyRecord, AuditEntry, Store, StoredAuditEntry, TenantRecord } from '../../store/index.js';
import { scimsyncError } from '../errors.js';
import { generateApiKeySecret, parseApiKey, secretMatches } from './api-key-secret.js';
import { apiKeyStatus, toApiKeyInfo, type ApiKeyInfo, type IssuedApiKey } from './api-key-info.js';
import { normalizeDomain } from './domain-name.js';
import { announceTenantChange, onTenantChange, type TenantChangeListener } from './tenant-changes.js';

export const DEFAULT_API_KEY_NAME = 'default';
export const DEFAULT_KEY_EXPIRY_DAYS = 365;
export const MAX_KEY_EXPIRY_DAYS = 3650;
export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 500;
/** Recording every use would turn each SCIM read into a write. */
const TOUCH_INTERVAL_MS = 60_000;
const DAY_MS = 86_400_000;
const ADMIN_ACTOR = 'admin';
// Compared against when the key id is unknown, so that path costs what a real check costs.
const UNKNOWN_KEY_HASH = '0'.repeat(64);

export interface TenantServiceOptions {
  readonly store: Store;
  /** Injected for tests; defaults to the wall clock. */
  readonly now?: () => Date;
}

export interface ApiKeyOptions {
  /** Default `default`. */
  readonly name?: string;
  /** Whole days from now, 1…3650; default 365. */
  readonly expiresInDays?: number;
}

export interface CreateTenantInput {
  readonly name: string;
  readonly verifiedDomains?: readonly string[];
  readonly apiKey?: ApiKeyOptions;
}

export interface CreatedTenant {
  readonly tenant: TenantRecord;
  readonly apiKey: IssuedApiKey;
}

export interface RegeneratedApiKey {
  readonly apiKey: IssuedApiKey;
  /** Ids of the keys this revoked. */
  readonly revoked: readonly string[];
}

/** Who a valid API key speaks for. */
export interface VerifiedApiKey {
  readonly tenantId: string;
  readonly keyId: string;
  /** The audit actor, `key:<keyId>`. */
  readonly actor: string;
  /** ISO 8601; a cache of verified keys must not outlive it. */
  readonly expiresAt: string;
}

/**
 * Tenants ("directories"), their API keys and verified domains — the Atlassian-style admin
 * side of the service provider. Every change is written with an audit entry in one transaction.
 *
 * Regenerating revokes every active key of the same *name* and issues a new one, so a tenant can
 * hold separate keys per identity provider (`entra`, `okta`) and rotate each on its own.
 */
export class TenantService {
  readonly #store: Store;
  readonly #now: () => Date;

  constructor(options: TenantServiceOptions) {
    this.#store = options.store;
    this.#now = options.now ?? (() => new Date());
  }

  /** Creates a tenant with a random UUID id and its first API key (the only time it is shown). */
  async createTenant(input: CreateTenantInput): Promise<CreatedTenant> {
    const name = checkName(input.name, 200, 'SCIMSYNC_ERR_INVALID_TENANT_NAME');
    const domains = [...new Set((input.verifiedDomains ?? []).map(normalizeDomain))].sort();
    const at = this.#timestamp();
    const keyRequest = this.#keyRequest(input.apiKey ?? {});
    return this.#store.transaction(async (store) => {
      const tenant = await store.tenants.create({
        id: randomUUID(),
        name,
        createdAt: at,
        verifiedDomains: domains,
      });
      await this.#audit(store, tenant.id, 'tenant.create', 'Tenant', tenant.id, {
        name,
        verifiedDomains: [...domains],
      });
      const apiKey = await this.#issueKey(store, tenant.id, keyRequest);
      return { tenant, apiKey };
    });
  }

  async getTenant(id: string): Promise<TenantRecord> {
    return this.#requireTenant(this.#store, id);
  }

  async listTenants(): Promise<TenantRecord[]> {
    return this.#store.tenants.list();
  }

  /** Deletes the tenant with its keys, audit log, users and groups. */
  async deleteTenant(id: string): Promise<void> {
    if (!(await this.#store.tenants.delete(id))) {
      throw scimsyncError('SCIMSYNC_ERR_TENANT_NOT_FOUND', { tenantId: id });
    }
    announceTenantChange(this.#store, { kind: 'tenant', tenantId: id });
  }

  async createApiKey(tenantId: string, options: ApiKeyOptions = {}): Promise<IssuedApiKey> {
    const request = this.#keyRequest(options);
    return this.#store.transaction(async (store) => {
      await this.#requireTenant(store, tenantId);
      return this.#issueKey(store, tenantId, request);
    });
  }

  /** Every key of the tenant, newest first, with its status; never a secret or hash. */
  async listApiKeys(tenantId: string): Promise<ApiKeyInfo[]> {
    await this.#requireTenant(this.#store, tenantId);
    const now = this.#now();
    const keys = await this.#store.apiKeys.listForTenant(tenantId);
    return keys
      .map((key) => toApiKeyInfo(key, now))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }

  async revokeApiKey(tenantId: string, keyId: string): Promise<void> {
    await this.#store.transaction(async (store) => {
      await this.#requireTenant(store, tenantId);
      if (!(await store.apiKeys.revoke(tenantId, keyId, this.#timestamp()))) {
        throw scimsyncError('SCIMSYNC_ERR_API_KEY_NOT_FOUND', { tenantId, keyId });
      }
      await this.#audit(store, tenantId, 'key.revoke', 'ApiKey', keyId);
    });
    announceTenantChange(this.#store, { kind: 'keys', tenantId, keyIds: [keyId] });
  }

  /** Revokes the tenant's active keys named `options.name` (default `default`) and issues a new one. */
  async regenerateApiKey(tenantId: string, options: ApiKeyOptions = {}): Promise<RegeneratedApiKey> {
    const request = this.#keyRequest(options);
    const result = await this.#store.transaction(async (store) => {
      await this.#requireTenant(store, tenantId);
      const now = this.#now();
      const at = now.toISOString();
      const revoked: string[] = [];
      for (const key of await store.apiKeys.listForTenant(tenantId)) {
        if (key.name !== request.name || apiKeyStatus(key, now) === 'revoked') continue;
        if (await store.apiKeys.revoke(tenantId, key.id, at)) revoked.push(key.id);
      }
      const apiKey = await this.#issueKey(store, tenantId, request, 'key.regenerate', { revoked });
      return { apiKey, revoked };
    });
    announceTenantChange(this.#store, { kind: 'keys', tenantId, keyIds: result.revoked });
    return result;
  }

  /**
   * Checks a presented bearer token. Undefined for anything but an active, unexpired key whose
   * secret matches (the hash comparison is constant-time); records use at most once a minute.
   */
  async verifyApiKey(token: string): Promise<VerifiedApiKey | undefined> {
    const parsed = parseApiKey(token);
    if (parsed === undefined) return undefined;
    const key = await this.#store.apiKeys.get(parsed.keyId);
    const matches = secretMatches(parsed.secret, key?.secretHash ?? UNKNOWN_KEY_HASH);
    if (key === undefined || !matches) return undefined;
    const now = this.#now();
    if (apiKeyStatus(key, now) !== 'active') return undefined;
    if (isStale(key, now)) await this.#store.apiKeys.touch(key.id, now.toISOString());
    return { tenantId: key.tenantId, keyId: key.id, actor: `key:${key.id}`, expiresAt: key.expiresAt };
  }

  /**
   * Calls `listener` after each tenant change (key revoke or regenerate, tenant delete, domain add
   * or remove) committed in this process on this store, by this or any other TenantService over
   * it. Returns the unsubscribe.
   */
  onTenantChange(listener: TenantChangeListener): () => void {
    return onTenantChange(this.#store, listener);
  }

  /** Adds a verified domain (idempotent); returns the tenant as it is afterwards. */
  async addDomain(tenantId: string, input: string): Promise<TenantRecord> {
    const domain = normalizeDomain(input);
    const tenant = await this.#store.transaction(async (store) => {
      const tenant = await this.#requireTenant(store, tenantId);
      if (tenant.verifiedDomains.includes(domain)) return tenant;
      await store.tenants.addDomain(tenantId, domain);
      await this.#audit(store, tenantId, 'domain.add', 'Domain', domain);
      return this.#requireTenant(store, tenantId);
    });
    announceTenantChange(this.#store, { kind: 'domains', tenantId });
    return tenant;
  }

  async removeDomain(tenantId: string, input: string): Promise<TenantRecord> {
    const domain = input.trim().toLowerCase();
    const tenant = await this.#store.transaction(async (store) => {
      await this.#requireTenant(store, tenantId);
      if (!(await store.tenants.removeDomain(tenantId, domain))) {
        throw scimsyncError('SCIMSYNC_ERR_DOMAIN_NOT_FOUND', { tenantId, domain });
      }
      await this.#audit(store, tenantId, 'domain.remove', 'Domain', domain);
      return this.#requireTenant(store, tenantId);
    });
    announceTenantChange(this.#store, { kind: 'domains', tenantId });
    return tenant;
  }

  /** Newest first; `before` is the `sequence` of the last entry of the previous page. */
  async listAudit(
    tenantId: string,
    options: { limit?: number; before?: number } = {},
  ): Promise<StoredAuditEntry[]> {
    await this.#requireTenant(this.#store, tenantId);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? DEFAULT_AUDIT_LIMIT), 1), MAX_AUDIT_LIMIT);
    return this.#store.audit.list(
      tenantId,
      options.before === undefined ? { limit } : { limit, before: options.before },
    );
  }

  async #requireTenant(store: Store, id: string): Promise<TenantRecord> {
    const tenant = await store.tenants.get(id);
    if (tenant === undefined) throw scimsyncError('SCIMSYNC_ERR_TENANT_NOT_FOUND', { tenantId: id });
    return tenant;
  }

  #keyRequest(options: ApiKeyOptions): { name: string; expiresInDays: number } {
    const name =
      options.name === undefined
        ? DEFAULT_API_KEY_NAME
        : checkName(options.name, 100, 'SCIMSYNC_ERR_INVALID_API_KEY_NAME');
    const expiresInDays = options.expiresInDays ?? DEFAULT_KEY_EXPIRY_DAYS;
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_KEY_EXPIRY_DAYS) {
      throw scimsyncError('SCIMSYNC_ERR_INVALID_KEY_EXPIRY', {
        max: MAX_KEY_EXPIRY_DAYS,
        value: String(expiresInDays),
      });
    }
    return { name, expiresInDays };
  }

  async #issueKey(
    store: Store,
    tenantId: string,
    request: { name: string; expiresInDays: number },
    action = 'key.create',
    detail: Record<string, string[]> = {},
  ): Promise<IssuedApiKey> {
    const now = this.#now();
    const secret = generateApiKeySecret();
    const record = await store.apiKeys.create({
      id: secret.keyId,
      tenantId,
      name: request.name,
      secretHash: secret.secretHash,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + request.expiresInDays * DAY_MS).toISOString(),
    });
    await this.#audit(store, tenantId, action, 'ApiKey', record.id, {
      name: record.name,
      expiresAt: record.expiresAt,
      ...detail,
    });
    return { ...toApiKeyInfo(record, now), token: secret.token };
  }

  async #audit(
    store: Store,
    tenantId: string,
    action: string,
    resourceType: string,
    resourceId: string,
    detail?: AuditEntry['detail'],
  ): Promise<void> {
    const entry: AuditEntry = {
      tenantId,
      at: this.#timestamp(),
      actor: ADMIN_ACTOR,
      action,
      resourceType,
      resourceId,
    };
    await store.audit.append(detail === undefined ? entry : { ...entry, detail });
  }

  #timestamp(): string {
    return this.#now().toISOString();
  }
}

function checkName(
  input: string,
  max: number,
  code: 'SCIMSYNC_ERR_INVALID_TENANT_NAME' | 'SCIMSYNC_ERR_INVALID_API_KEY_NAME',
): string {
  const name = typeof input === 'string' ? input.trim() : '';
  if (name.length === 0 || name.length > max) throw scimsyncError(code);
  return name;
}

function isStale(key: ApiKeyRecord, now: Date): boolean {
  return key.lastUsedAt === undefined || now.getTime() - Date.parse(key.lastUsedAt) >= TOUCH_INTERVAL_MS;
}
