/**
 * The persistence contract. One implementation per engine (sqlite/, postgres/) on Kysely; the
 * same contract test suite (testing/store-contract.ts) runs against both. Domain modules talk to
 * these interfaces only; no driver type or driver error crosses this boundary.
 */
import type { AttributePath, Filter, JsonObject, ResourceSchema } from '../scim/index.js';
import type { DirectoryStore } from './directory-store.js';
import type { ProvisioningStore } from './provisioning-store.js';

/** Engine differences that change behaviour, declared instead of checked by engine name. */
export interface StoreCapabilities {
  readonly engine: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` (job leases in later milestones). */
  readonly supportsSkipLocked: boolean;
  /** Several processes may write at once (PostgreSQL); SQLite serialises writers. */
  readonly concurrentWriters: boolean;
}

// ── tenants ("directories"), API keys, verified domains, audit ─────────────────────────────

export interface TenantRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** Lower-case domain names, sorted. */
  readonly verifiedDomains: readonly string[];
}

export interface TenantStore {
  create(tenant: {
    id: string;
    name: string;
    createdAt: string;
    verifiedDomains: readonly string[];
  }): Promise<TenantRecord>;
  get(id: string): Promise<TenantRecord | undefined>;
  list(): Promise<TenantRecord[]>;
  /** Deletes the tenant and everything it owns (keys, audit, users, groups). False when absent. */
  delete(id: string): Promise<boolean>;
  /** Idempotent. */
  addDomain(tenantId: string, domain: string): Promise<void>;
  removeDomain(tenantId: string, domain: string): Promise<boolean>;
}

export interface ApiKeyRecord {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  /** Hash of the secret (hex); the secret itself is never stored. */
  readonly secretHash: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | undefined;
  readonly lastUsedAt: string | undefined;
}

export interface ApiKeyStore {
  create(key: Omit<ApiKeyRecord, 'revokedAt' | 'lastUsedAt'>): Promise<ApiKeyRecord>;
  get(id: string): Promise<ApiKeyRecord | undefined>;
  listForTenant(tenantId: string): Promise<ApiKeyRecord[]>;
  /** False when the key does not exist in that tenant or was already revoked. */
  revoke(tenantId: string, id: string, at: string): Promise<boolean>;
  touch(id: string, at: string): Promise<void>;
}

export interface AuditEntry {
  readonly tenantId: string;
  readonly at: string;
  /** `key:<apiKeyId>` or `admin` (admin API / CLI). */
  readonly actor: string;
  /** e.g. `user.create`, `group.patch`, `key.revoke`, `domain.add`. */
  readonly action: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  readonly detail?: JsonObject;
}

export interface StoredAuditEntry extends AuditEntry {
  /** Monotonic per store; newest entries have the highest sequence. */
  readonly sequence: number;
}

export interface AuditStore {
  append(entry: AuditEntry): Promise<void>;
  /** Newest first; `before` is a sequence number for paging. */
  list(tenantId: string, options: { limit: number; before?: number }): Promise<StoredAuditEntry[]>;
}

export interface SettingsStore {
  get(key: string): Promise<string | undefined>;
  /** Sets only when absent; returns the value that is stored afterwards. */
  setIfAbsent(key: string, value: string): Promise<string>;
  set(key: string, value: string): Promise<void>;
}

// ── SCIM resources (the service provider's Users and Groups) ───────────────────────────────

/**
 * One SCIM resource as stored. `data` is the SCIM representation WITHOUT `id`, `meta`, the
 * derived user `groups` and group `members` (those live in their own columns and tables).
 */
export interface StoredResource {
  readonly tenantId: string;
  readonly resourceType: string;
  readonly id: string;
  readonly data: JsonObject;
  readonly created: string;
  readonly lastModified: string;
  /** Starts at 1, +1 on every write (ETag `W/"<version>"`). */
  readonly version: number;
}

export interface GroupMember {
  /** The member resource's id. */
  readonly value: string;
  /** `User` or `Group`. */
  readonly type: string;
  readonly display?: string;
}

export interface StoredGroup extends StoredResource {
  /** Present only when the read asked for members. */
  readonly members?: readonly GroupMember[];
}

export interface NewResource {
  readonly id: string;
  readonly data: JsonObject;
  readonly created: string;
}

export interface ResourceQuery {
  /** Decides column mapping, caseExact and multi-valued handling of the filter and sort. */
  readonly schema: ResourceSchema;
  readonly filter?: Filter;
  readonly sortBy?: AttributePath;
  readonly sortOrder?: 'ascending' | 'descending';
  /** Index paging (1-based). Ignored when `after` is given. */
  readonly startIndex?: number;
  readonly count: number;
  /** Keyset paging: resources strictly after this opaque position (from a previous `nextPosition`). */
  readonly after?: string;
  /** Whether to compute the exact total (default true). */
  readonly withTotal?: boolean;
}

export interface ResourcePage<T extends StoredResource> {
  readonly items: T[];
  readonly totalResults: number;
  /** Position of the last item, for keyset paging; undefined when this was the last page. */
  readonly nextPosition: string | undefined;
}

export interface WriteOptions {
  /** The write happens only if the stored version is this one (If-Match); else VersionConflict. */
  readonly expectedVersion?: number;
  /**
   * The stored data at `expectedVersion`, as the caller read it. The store derives the row's
   * current columns and multi-values from it instead of reading them back: the compare-and-set
   * on the version guarantees they are what is stored. Ignored without `expectedVersion`.
   */
  readonly previous?: JsonObject;
  readonly lastModified: string;
}

/** Members to change in one group, costing O(changed), never O(group size). */
export interface MemberChanges {
  readonly add?: readonly GroupMember[];
  readonly remove?: readonly string[];
  /** Remove every member first (replace). */
  readonly removeAll?: boolean;
}

/** A user's direct group, as its derived `groups` attribute shows it. */
export interface UserGroup {
  readonly id: string;
  readonly display: string;
}

export interface StoredUserWithGroups {
  readonly user: StoredResource;
  readonly groups: UserGroup[];
}

/** A page of users with the groups each is a direct member of (sorted by id), keyed by user id. */
export interface UserPageWithGroups extends ResourcePage<StoredResource> {
  readonly groups: ReadonlyMap<string, UserGroup[]>;
}

export interface UserStore {
  insert(tenantId: string, user: NewResource, options: { lastModified: string }): Promise<StoredResource>;
  get(tenantId: string, id: string): Promise<StoredResource | undefined>;
  /** The user and the groups it is a direct member of (sorted by id), in one read. */
  getWithGroups(tenantId: string, id: string): Promise<StoredUserWithGroups | undefined>;
  replace(tenantId: string, id: string, data: JsonObject, options: WriteOptions): Promise<StoredResource>;
  delete(tenantId: string, id: string, options?: { expectedVersion?: number }): Promise<boolean>;
  query(tenantId: string, query: ResourceQuery): Promise<ResourcePage<StoredResource>>;
  /** {@link query} with each user's direct groups, read in the same statement. */
  queryWithGroups(tenantId: string, query: ResourceQuery): Promise<UserPageWithGroups>;
  /** The groups each user is a direct member of (RFC 7643 §4.1.2 `groups`). */
  groupsOf(
    tenantId: string,
    userIds: readonly string[],
  ): Promise<Map<string, { id: string; display: string }[]>>;
  /** Which of these ids exist in the tenant (validating member references). */
  existing(tenantId: string, ids: readonly string[]): Promise<Set<string>>;
}

export interface GroupStore {
  insert(
    tenantId: string,
    group: NewResource & { members: readonly GroupMember[] },
    options: { lastModified: string },
  ): Promise<StoredGroup>;
  get(tenantId: string, id: string, options: { members: boolean }): Promise<StoredGroup | undefined>;
  /** `members` undefined keeps the current members. */
  replace(
    tenantId: string,
    id: string,
    data: JsonObject,
    members: readonly GroupMember[] | undefined,
    options: WriteOptions,
  ): Promise<StoredGroup>;
  /** Bumps the version only when membership actually changed (unless `data` changes too). */
  updateMembers(
    tenantId: string,
    id: string,
    changes: MemberChanges,
    options: WriteOptions & { data?: JsonObject },
  ): Promise<StoredGroup>;
  delete(tenantId: string, id: string, options?: { expectedVersion?: number }): Promise<boolean>;
  query(tenantId: string, query: ResourceQuery & { members: boolean }): Promise<ResourcePage<StoredGroup>>;
  existing(tenantId: string, ids: readonly string[]): Promise<Set<string>>;
}

export interface Store {
  readonly capabilities: StoreCapabilities;
  readonly tenants: TenantStore;
  readonly apiKeys: ApiKeyStore;
  readonly audit: AuditStore;
  readonly settings: SettingsStore;
  readonly users: UserStore;
  readonly groups: GroupStore;
  /** The identity directory (provisioning source); see directory-store.ts. */
  readonly directory: DirectoryStore;
  /** The provisioning engine's jobs, shadow state and cycles; see provisioning-store.ts. */
  readonly provisioning: ProvisioningStore;
  /** Runs `work` in one transaction; the store handed in sees and writes within it. */
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Applies pending migrations; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
