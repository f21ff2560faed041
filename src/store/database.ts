/**
 * The tables as Kysely sees them. Columns whose representation differs by engine (`data`,
 * `detail`, `active`) are `unknown` here; the engine's {@link StoreDialect} encodes and decodes them.
 */
export interface TenantsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface TenantDomainsTable {
  tenant_id: string;
  domain: string;
}

export interface ApiKeysTable {
  id: string;
  tenant_id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface AuditLogTable {
  /** Generated; PostgreSQL returns bigint as a string. */
  sequence: number | string | undefined;
  tenant_id: string;
  at: string;
  actor: string;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  detail: unknown;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ScimResourcesTable {
  tenant_id: string;
  resource_type: string;
  id: string;
  /** The unique attribute (User userName, Group displayName) as sent, and lower-cased. */
  unique_value: string | null;
  unique_lower: string | null;
  external_id: string | null;
  display_name: string | null;
  active: unknown;
  created: string;
  last_modified: string;
  version: number;
  data: unknown;
}

export interface ScimMultiValuesTable {
  tenant_id: string;
  resource_id: string;
  attribute: string;
  type_lower: string | null;
  value: string;
  value_lower: string;
}

export interface ScimGroupMembersTable {
  tenant_id: string;
  group_id: string;
  member_id: string;
  member_type: string;
  display: string | null;
}

export interface DirUsersTable {
  id: string;
  upn_lower: string;
  attributes: unknown;
  manager_id: string | null;
  account_enabled: unknown;
  created: string;
  deleted_at: string | null;
  version: number;
}

export interface DirGroupsTable {
  id: string;
  display_name: string;
  display_name_lower: string;
  attributes: unknown;
  created: string;
  deleted_at: string | null;
  version: number;
}

export interface DirGroupMembersTable {
  group_id: string;
  member_id: string;
  member_type: string;
}

export interface DirApplicationsTable {
  id: string;
  name: string;
  name_lower: string;
  app_roles: unknown;
  created: string;
}

export interface DirAssignmentsTable {
  id: string;
  application_id: string;
  principal_id: string;
  principal_type: string;
  app_role_id: string;
  created: string;
}

export interface DirChangesTable {
  /** Assigned from dir_change_counter (bigint: PostgreSQL returns a string). */
  sequence: number | string;
  at: string;
  kind: string;
  object_type: string;
  object_id: string;
  changed_attributes: unknown;
  related_id: string | null;
  related_type: string | null;
  detail: unknown;
}

/** One row (id 1): the last sequence handed out and the compaction horizon. */
export interface DirChangeCounterTable {
  id: number;
  value: number | string;
  horizon: number | string;
}

export interface ProvJobsTable {
  application_id: string;
  enabled: unknown;
  config: unknown;
  secret: string;
  /** bigint: PostgreSQL returns a string. */
  watermark: number | string | null;
  created_at: string;
  updated_at: string;
}

export interface ProvObjectsTable {
  application_id: string;
  object_type: string;
  source_id: string;
  target_id: string | null;
  status: string;
  object_values: unknown;
  detail: unknown;
  updated_at: string;
}

export interface ProvMembershipsTable {
  application_id: string;
  group_id: string;
  member_id: string;
}

export interface ProvCyclesTable {
  id: string;
  application_id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  summary: unknown;
}

export interface Database {
  tenants: TenantsTable;
  tenant_domains: TenantDomainsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  scim_resources: ScimResourcesTable;
  scim_multi_values: ScimMultiValuesTable;
  scim_group_members: ScimGroupMembersTable;
  dir_users: DirUsersTable;
  dir_groups: DirGroupsTable;
  dir_group_members: DirGroupMembersTable;
  dir_applications: DirApplicationsTable;
  dir_assignments: DirAssignmentsTable;
  dir_changes: DirChangesTable;
  dir_change_counter: DirChangeCounterTable;
  prov_jobs: ProvJobsTable;
  prov_objects: ProvObjectsTable;
  prov_memberships: ProvMembershipsTable;
  prov_cycles: ProvCyclesTable;
}

export type ScimResourceRow = ScimResourcesTable;
