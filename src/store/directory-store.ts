/**
 * Persistence contract of the identity directory (the provisioning source, Graph-shaped):
 * users with soft delete, groups with nested membership, applications with app roles,
 * assignments, and an ordered change log read by watermark.
 */
import type { JsonObject } from '../scim/index.js';

/** A directory user as Microsoft Graph shapes it; attributes beyond `id` live in `attributes`. */
export interface DirectoryUserRecord {
  readonly id: string;
  /** Graph attributes (userPrincipalName, mail, givenName, …, extensionAttribute1–15, extension_*). */
  readonly attributes: JsonObject;
  /** The manager's user id, or undefined. */
  readonly managerId: string | undefined;
  readonly createdDateTime: string;
  /** Set while the user is in the recycle bin. */
  readonly deletedDateTime: string | undefined;
  readonly version: number;
}

export interface DirectoryGroupRecord {
  readonly id: string;
  /** displayName, description, mailNickname, securityEnabled, … */
  readonly attributes: JsonObject;
  readonly createdDateTime: string;
  readonly deletedDateTime: string | undefined;
  readonly version: number;
}

export type PrincipalType = 'user' | 'group';

export interface DirectoryMember {
  readonly id: string;
  readonly type: PrincipalType;
}

export interface AppRole {
  readonly id: string;
  readonly value: string;
  readonly displayName: string;
}

export interface ApplicationRecord {
  readonly id: string;
  readonly name: string;
  readonly appRoles: readonly AppRole[];
  readonly createdDateTime: string;
}

export interface AssignmentRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly principalId: string;
  readonly principalType: PrincipalType;
  /** The app role id; the default-access role when the app has none. */
  readonly appRoleId: string;
  readonly createdDateTime: string;
}

export const CHANGE_KINDS = [
  'created',
  'updated',
  'softDeleted',
  'restored',
  'permanentlyDeleted',
  'memberAdded',
  'memberRemoved',
  'assignmentAdded',
  'assignmentRemoved',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export type DirectoryObjectType = 'user' | 'group' | 'application';

export interface ChangeEntry {
  /** Strictly increasing; the watermark is the sequence of the last change read. */
  readonly sequence: number;
  readonly at: string;
  readonly kind: ChangeKind;
  readonly objectType: DirectoryObjectType;
  readonly objectId: string;
  /** For `updated`: the attribute names that changed. */
  readonly changedAttributes?: readonly string[];
  /** For member and assignment changes: the member / principal id (and for assignments, the assignment id in `detail`). */
  readonly relatedId?: string;
  readonly relatedType?: PrincipalType;
  readonly detail?: JsonObject;
}

export type NewChange = Omit<ChangeEntry, 'sequence'>;

export interface ChangeBatch {
  readonly changes: readonly ChangeEntry[];
  /** The watermark to ask from next time (the last sequence returned, or the one given when none). */
  readonly watermark: number;
  /** True when more changes exist beyond this batch. */
  readonly more: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Opaque; pass back as `after` for the next page; undefined at the end. */
  readonly next: string | undefined;
}

export interface PageRequest {
  readonly limit: number;
  readonly after?: string;
}

/**
 * Every write method appends its change entries to the change log in the same transaction, so
 * the log and the data never disagree; sequences are assigned in commit order (a reader between
 * concurrent writers never skips a change that commits later with a smaller sequence).
 */
export interface DirectoryStore {
  // users
  createUser(
    user: Omit<DirectoryUserRecord, 'version' | 'deletedDateTime'>,
    at: string,
  ): Promise<DirectoryUserRecord>;
  /**
   * Bulk create for imports: multi-row statements, one `created` entry each; returns how many.
   * A clash fails the whole call with UniquenessConflict (callers check duplicates first to name them).
   */
  createUsers(
    users: readonly Omit<DirectoryUserRecord, 'version' | 'deletedDateTime'>[],
    at: string,
  ): Promise<number>;
  getUser(id: string, options?: { includeDeleted?: boolean }): Promise<DirectoryUserRecord | undefined>;
  /** Case-insensitive userPrincipalName lookup. */
  getUserByPrincipalName(
    upn: string,
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryUserRecord | undefined>;
  getUsers(ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<DirectoryUserRecord[]>;
  /** Ids of live users whose manager is one of these users (uses the manager index). */
  directReports(managerIds: readonly string[]): Promise<string[]>;
  /** Replaces attributes/manager; records `updated` with the changed attribute names; no entry when nothing changed. */
  updateUser(
    id: string,
    attributes: JsonObject,
    managerId: string | undefined,
    at: string,
  ): Promise<DirectoryUserRecord>;
  listUsers(page: PageRequest & { deleted?: boolean }): Promise<Page<DirectoryUserRecord>>;
  softDeleteUser(id: string, at: string): Promise<boolean>;
  restoreUser(id: string, at: string): Promise<boolean>;
  /** Permanently deletes (also its memberships, assignments and manager references). */
  purgeUser(id: string, at: string): Promise<boolean>;
  /** Ids of users soft-deleted before `before` (for the retention purge). */
  usersDeletedBefore(before: string, limit: number): Promise<string[]>;
  countUsers(options?: { deleted?: boolean }): Promise<number>;

  // groups
  createGroup(
    group: Omit<DirectoryGroupRecord, 'version' | 'deletedDateTime'>,
    at: string,
  ): Promise<DirectoryGroupRecord>;
  /** Bulk create for imports, as {@link DirectoryStore.createUsers}. */
  createGroups(
    groups: readonly Omit<DirectoryGroupRecord, 'version' | 'deletedDateTime'>[],
    at: string,
  ): Promise<number>;
  getGroup(id: string, options?: { includeDeleted?: boolean }): Promise<DirectoryGroupRecord | undefined>;
  getGroupByDisplayName(name: string): Promise<DirectoryGroupRecord[]>;
  getGroups(ids: readonly string[], options?: { includeDeleted?: boolean }): Promise<DirectoryGroupRecord[]>;
  updateGroup(id: string, attributes: JsonObject, at: string): Promise<DirectoryGroupRecord>;
  listGroups(page: PageRequest & { deleted?: boolean }): Promise<Page<DirectoryGroupRecord>>;
  softDeleteGroup(id: string, at: string): Promise<boolean>;
  restoreGroup(id: string, at: string): Promise<boolean>;
  purgeGroup(id: string, at: string): Promise<boolean>;

  // membership (direct; nesting is stored as group members of type group)
  addMembers(groupId: string, members: readonly DirectoryMember[], at: string): Promise<number>;
  removeMembers(groupId: string, memberIds: readonly string[], at: string): Promise<number>;
  listMembers(groupId: string, page: PageRequest): Promise<Page<DirectoryMember>>;
  /** Direct groups of each member id. */
  groupsOf(memberIds: readonly string[]): Promise<Map<string, string[]>>;

  // applications and assignments
  createApplication(app: ApplicationRecord, at: string): Promise<ApplicationRecord>;
  getApplication(id: string): Promise<ApplicationRecord | undefined>;
  getApplicationByName(name: string): Promise<ApplicationRecord | undefined>;
  listApplications(): Promise<ApplicationRecord[]>;
  deleteApplication(id: string, at: string): Promise<boolean>;
  /** Idempotent per (application, principal, role): returns the existing assignment. */
  addAssignment(assignment: AssignmentRecord, at: string): Promise<AssignmentRecord>;
  removeAssignment(
    applicationId: string,
    principalId: string,
    appRoleId: string | undefined,
    at: string,
  ): Promise<number>;
  listAssignments(applicationId: string, page: PageRequest): Promise<Page<AssignmentRecord>>;
  assignmentsOfPrincipals(
    applicationId: string,
    principalIds: readonly string[],
  ): Promise<AssignmentRecord[]>;

  /**
   * Inside Store.transaction: takes the directory's write lock now (the change log's), so the
   * reads that decide a later write (manager exists, no membership cycle) see no concurrent
   * directory writer. Outside a transaction it has no lasting effect.
   */
  lockForWrite(): Promise<void>;

  // change feed
  /** Changes with sequence > watermark, oldest first. Throws ResyncRequired below the compaction horizon. */
  changesSince(watermark: number, limit: number): Promise<ChangeBatch>;
  /** The sequence of the newest change (0 when none): an initial cycle's starting watermark. */
  currentWatermark(): Promise<number>;
  /** Deletes entries older than `before`; records the new horizon. Returns how many were deleted. */
  compactChanges(before: string): Promise<number>;
  /** The smallest watermark still answerable. */
  compactionHorizon(): Promise<number>;
}
