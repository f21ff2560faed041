/**
 * What the directory domain offers to its edges (CLI, admin REST API, importer) and to the
 * provisioning engine. Implemented by `DirectoryService`.
 */
import type {
  ApplicationRecord,
  AssignmentRecord,
  ChangeEntry,
  DirectoryGroupRecord,
  DirectoryMember,
  DirectoryUserRecord,
  Page,
  PageRequest,
  PrincipalType,
} from '../store/index.js';
import type { JsonObject } from '../scim/index.js';

/** Graph-shaped user as the API shows it: `id`, the attributes, `manager` id, dates. */
export type GraphUser = JsonObject & { id: string; userPrincipalName: string };
export type GraphGroup = JsonObject & { id: string; displayName: string };

export interface ImportCounts {
  readonly usersCreated: number;
  readonly usersUpdated: number;
  readonly usersDeleted: number;
  readonly groupsCreated: number;
  readonly groupsUpdated: number;
  readonly groupsDeleted: number;
  readonly membershipsAdded: number;
  readonly membershipsRemoved: number;
}

/** Changes since a watermark, with the current state of every object they touch. */
export interface DirectoryDelta {
  readonly changes: readonly ChangeEntry[];
  readonly users: ReadonlyMap<string, DirectoryUserRecord>;
  readonly groups: ReadonlyMap<string, DirectoryGroupRecord>;
  readonly watermark: number;
  readonly more: boolean;
}

export interface DirectoryApi {
  /** Validates (typed attributes, UPN unique case-insensitively, manager exists) and creates; id generated when absent. */
  createUser(input: JsonObject): Promise<DirectoryUserRecord>;
  /** Partial update: given attributes replace, `null` clears; `manager` by id. */
  updateUser(idOrUpn: string, changes: JsonObject): Promise<DirectoryUserRecord>;
  getUser(idOrUpn: string, options?: { includeDeleted?: boolean }): Promise<DirectoryUserRecord | undefined>;
  listUsers(page: PageRequest): Promise<Page<DirectoryUserRecord>>;
  listDeletedUsers(page: PageRequest): Promise<Page<DirectoryUserRecord>>;
  deleteUser(idOrUpn: string): Promise<void>;
  restoreUser(idOrUpn: string): Promise<DirectoryUserRecord>;
  purgeUser(idOrUpn: string): Promise<void>;
  /** Permanently deletes users soft-deleted longer than the retention period. */
  purgeExpired(): Promise<number>;
  /** Compacts change-log entries older than the change-log retention. */
  compactChangeLog(): Promise<number>;
  /** Both of the above: the periodic upkeep. */
  maintain(): Promise<{ purged: number; compacted: number }>;

  createGroup(input: JsonObject): Promise<DirectoryGroupRecord>;
  updateGroup(idOrName: string, changes: JsonObject): Promise<DirectoryGroupRecord>;
  getGroup(idOrName: string): Promise<DirectoryGroupRecord | undefined>;
  listGroups(page: PageRequest): Promise<Page<DirectoryGroupRecord>>;
  deleteGroup(idOrName: string): Promise<void>;
  addMember(groupIdOrName: string, member: { id: string; type?: PrincipalType } | string): Promise<void>;
  removeMember(groupIdOrName: string, memberIdOrUpn: string): Promise<void>;
  listMembers(groupIdOrName: string, page: PageRequest): Promise<Page<DirectoryMember>>;

  createApplication(input: {
    name: string;
    appRoles?: { value: string; displayName?: string }[];
  }): Promise<ApplicationRecord>;
  getApplication(idOrName: string): Promise<ApplicationRecord | undefined>;
  listApplications(): Promise<ApplicationRecord[]>;
  assign(app: string, principal: { user?: string; group?: string }, role?: string): Promise<AssignmentRecord>;
  unassign(app: string, principal: { user?: string; group?: string }, role?: string): Promise<number>;
  listAssignments(app: string, page: PageRequest): Promise<Page<AssignmentRecord>>;

  /** Throws the store's ResyncRequired below the compaction horizon. */
  changesSince(watermark: number, limit: number): Promise<DirectoryDelta>;
  currentWatermark(): Promise<number>;

  toGraphUser(record: DirectoryUserRecord): GraphUser;
  toGraphGroup(record: DirectoryGroupRecord): GraphGroup;
}
