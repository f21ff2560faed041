import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../scim/index.js';
import type {
  ApplicationRecord,
  AssignmentRecord,
  DirectoryGroupRecord,
  DirectoryMember,
  DirectoryStore,
  DirectoryUserRecord,
  Page,
  PageRequest,
  PrincipalType,
  Store,
} from '../store/index.js';
import { mergeAttributes } from './attribute-rules.js';
import { buildApplication, DEFAULT_ACCESS_ROLE_ID, findAppRole } from './application-model.js';
import type { DirectoryApi, DirectoryDelta, GraphGroup, GraphUser } from './directory-api.js';
import { DirectoryLookup } from './directory-lookup.js';
import { directoryError } from './errors.js';
import { asDirectoryError } from './as-directory-error.js';
import { readDelta } from './change-delta.js';
import { purgeDeletedBefore } from './purge-deleted.js';
import { toGraphGroup, toGraphUser } from './graph-shape.js';
import { completeGroupAttributes, parseGroupInput } from './group-model.js';
import { checkUserUpdate, newUserAttributes, parseUserInput } from './user-model.js';

/** The time source; tests inject a fake one to move through retention periods. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface DirectoryServiceOptions {
  readonly clock?: Clock;
  /** Days a deleted user stays in the recycle bin before {@link DirectoryService.purgeExpired}; 30 by default. */
  readonly retentionDays?: number;
  /** Days of change-log entries kept for incremental readers (older ones are compacted); 30 by default. */
  readonly changeLogRetentionDays?: number;
  /** Id generator (GUIDs); injectable for deterministic tests. */
  readonly newId?: () => string;
}

/** What one {@link DirectoryService.maintain} run did. */
export interface MaintenanceResult {
  /** Users and groups permanently deleted after their time in the recycle bin. */
  readonly purged: number;
  /** Change-log entries compacted away. */
  readonly compacted: number;
}

const DAY_MS = 86_400_000;

/**
 * The identity directory's rules over the store: Graph attribute validation, lookups by id or
 * name, the recycle bin with retention, nesting without cycles, idempotent assignments, and the
 * change feed with the current state of what changed.
 */
export class DirectoryService implements DirectoryApi {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #retentionMs: number;
  readonly #changeLogRetentionMs: number;
  readonly #newId: () => string;

  constructor(store: Store, options: DirectoryServiceOptions = {}) {
    this.#store = store;
    this.#clock = options.clock ?? systemClock;
    this.#retentionMs = (options.retentionDays ?? 30) * DAY_MS;
    this.#changeLogRetentionMs = (options.changeLogRetentionDays ?? 30) * DAY_MS;
    this.#newId = options.newId ?? randomUUID;
  }

  async createUser(input: JsonObject): Promise<DirectoryUserRecord> {
    const parsed = parseUserInput(input);
    const attributes = newUserAttributes(parsed.attributes);
    const id = parsed.id ?? this.#newId();
    return this.#write(async (dir, find) => {
      const managerId = parsed.manager == null ? undefined : await this.#managerId(find, parsed.manager, id);
      const at = this.#now();
      return dir.createUser({ id, attributes, managerId, createdDateTime: parsed.createdDateTime ?? at }, at);
    });
  }

  async updateUser(idOrUpn: string, changes: JsonObject): Promise<DirectoryUserRecord> {
    const parsed = parseUserInput(changes);
    return this.#write(async (dir, find) => {
      const current = await find.user(idOrUpn);
      readOnly('user', 'id', parsed.id, current.id);
      readOnly('user', 'createdDateTime', parsed.createdDateTime, current.createdDateTime);
      const attributes = checkUserUpdate(mergeAttributes(current.attributes, parsed.attributes));
      const managerId =
        parsed.manager === undefined
          ? current.managerId
          : parsed.manager === null
            ? undefined
            : await this.#managerId(find, parsed.manager, current.id);
      return dir.updateUser(current.id, attributes, managerId, this.#now());
    });
  }

  getUser(idOrUpn: string, options?: { includeDeleted?: boolean }): Promise<DirectoryUserRecord | undefined> {
    return this.#lookup().findUser(idOrUpn, options?.includeDeleted === true);
  }

  listUsers(page: PageRequest): Promise<Page<DirectoryUserRecord>> {
    return this.#store.directory.listUsers(page);
  }

  listDeletedUsers(page: PageRequest): Promise<Page<DirectoryUserRecord>> {
    return this.#store.directory.listUsers({ ...page, deleted: true });
  }

  async deleteUser(idOrUpn: string): Promise<void> {
    await this.#write(async (dir, find) => dir.softDeleteUser((await find.user(idOrUpn)).id, this.#now()));
  }

  async restoreUser(idOrUpn: string): Promise<DirectoryUserRecord> {
    return this.#write(async (dir, find) => {
      const user = await find.user(idOrUpn, true);
      if (user.deletedDateTime === undefined || !(await dir.restoreUser(user.id, this.#now()))) {
        throw directoryError('SCIMSYNC_ERR_DIRECTORY_USER_NOT_DELETED', { user: idOrUpn });
      }
      return (await dir.getUser(user.id))!;
    });
  }

  async purgeUser(idOrUpn: string): Promise<void> {
    await this.#write(async (dir, find) => dir.purgeUser((await find.user(idOrUpn, true)).id, this.#now()));
  }

  purgeExpired(): Promise<number> {
    const cutoff = new Date(this.#clock.now().getTime() - this.#retentionMs).toISOString();
    return purgeDeletedBefore(this.#store.directory, cutoff, () => this.#now());
  }

  /**
   * Compacts change-log entries older than the change-log retention; a reader whose watermark
   * falls behind gets ResyncRequired (a full read) instead of a silently partial answer.
   */
  compactChangeLog(): Promise<number> {
    const cutoff = new Date(this.#clock.now().getTime() - this.#changeLogRetentionMs).toISOString();
    return this.#store.directory.compactChanges(cutoff);
  }

  /** The periodic upkeep `scimsync serve` runs hourly and `scimsync directory maintain` runs once. */
  async maintain(): Promise<MaintenanceResult> {
    const purged = await this.purgeExpired();
    const compacted = await this.compactChangeLog();
    return { purged, compacted };
  }

  async createGroup(input: JsonObject): Promise<DirectoryGroupRecord> {
    const parsed = parseGroupInput(input);
    const attributes = completeGroupAttributes(parsed.attributes);
    const at = this.#now();
    return this.#write((dir) =>
      dir.createGroup(
        { id: parsed.id ?? this.#newId(), attributes, createdDateTime: parsed.createdDateTime ?? at },
        at,
      ),
    );
  }

  async updateGroup(idOrName: string, changes: JsonObject): Promise<DirectoryGroupRecord> {
    const parsed = parseGroupInput(changes);
    return this.#write(async (dir, find) => {
      const current = await find.group(idOrName);
      readOnly('group', 'id', parsed.id, current.id);
      readOnly('group', 'createdDateTime', parsed.createdDateTime, current.createdDateTime);
      const attributes = completeGroupAttributes(mergeAttributes(current.attributes, parsed.attributes));
      return dir.updateGroup(current.id, attributes, this.#now());
    });
  }

  getGroup(idOrName: string): Promise<DirectoryGroupRecord | undefined> {
    return this.#lookup().findGroup(idOrName);
  }

  listGroups(page: PageRequest): Promise<Page<DirectoryGroupRecord>> {
    return this.#store.directory.listGroups(page);
  }

  async deleteGroup(idOrName: string): Promise<void> {
    await this.#write(async (dir, find) => dir.softDeleteGroup((await find.group(idOrName)).id, this.#now()));
  }

  async addMember(
    groupIdOrName: string,
    member: { id: string; type?: PrincipalType } | string,
  ): Promise<void> {
    await this.#write(async (dir, find) => {
      const group = await find.group(groupIdOrName);
      const resolved =
        typeof member === 'string' ? await find.member(member) : await find.member(member.id, member.type);
      if (resolved.type === 'group' && (await find.contains(resolved.id, group.id))) {
        throw directoryError('SCIMSYNC_ERR_DIRECTORY_MEMBERSHIP_CYCLE', {
          group: group.id,
          member: resolved.id,
        });
      }
      await dir.addMembers(group.id, [resolved], this.#now());
    });
  }

  async removeMember(groupIdOrName: string, memberIdOrUpn: string): Promise<void> {
    await this.#write(async (dir, find) => {
      const group = await find.group(groupIdOrName);
      // A purged member is still removable by id; a name must resolve.
      const id = (await find.member(memberIdOrUpn).catch(() => undefined))?.id ?? memberIdOrUpn.toLowerCase();
      if ((await dir.removeMembers(group.id, [id], this.#now())) === 0) {
        throw directoryError('SCIMSYNC_ERR_DIRECTORY_NOT_A_MEMBER', {
          group: group.id,
          member: memberIdOrUpn,
        });
      }
    });
  }

  async listMembers(groupIdOrName: string, page: PageRequest): Promise<Page<DirectoryMember>> {
    const group = await this.#lookup().group(groupIdOrName);
    return this.#store.directory.listMembers(group.id, page);
  }

  async createApplication(input: {
    name: string;
    appRoles?: { value: string; displayName?: string }[];
  }): Promise<ApplicationRecord> {
    const app = buildApplication(input, this.#newId, this.#now());
    return this.#write((dir) => dir.createApplication(app, app.createdDateTime));
  }

  getApplication(idOrName: string): Promise<ApplicationRecord | undefined> {
    return this.#lookup().findApplication(idOrName);
  }

  listApplications(): Promise<ApplicationRecord[]> {
    return this.#store.directory.listApplications();
  }

  async assign(
    app: string,
    principal: { user?: string; group?: string },
    role?: string,
  ): Promise<AssignmentRecord> {
    return this.#write(async (dir, find) => {
      const application = await find.application(app);
      const target = await find.principal(principal);
      const at = this.#now();
      return dir.addAssignment(
        {
          id: this.#newId(),
          applicationId: application.id,
          principalId: target.id,
          principalType: target.type,
          appRoleId: role === undefined ? DEFAULT_ACCESS_ROLE_ID : findAppRole(application, role).id,
          createdDateTime: at,
        },
        at,
      );
    });
  }

  async unassign(app: string, principal: { user?: string; group?: string }, role?: string): Promise<number> {
    return this.#write(async (dir, find) => {
      const application = await find.application(app);
      const target = await find.principal(principal);
      const roleId = role === undefined ? undefined : findAppRole(application, role).id;
      return dir.removeAssignment(application.id, target.id, roleId, this.#now());
    });
  }

  async listAssignments(app: string, page: PageRequest): Promise<Page<AssignmentRecord>> {
    const application = await this.#lookup().application(app);
    return this.#store.directory.listAssignments(application.id, page);
  }

  changesSince(watermark: number, limit: number): Promise<DirectoryDelta> {
    return readDelta(this.#store.directory, watermark, limit);
  }

  currentWatermark(): Promise<number> {
    return this.#store.directory.currentWatermark();
  }

  toGraphUser(record: DirectoryUserRecord): GraphUser {
    return toGraphUser(record);
  }

  toGraphGroup(record: DirectoryGroupRecord): GraphGroup {
    return toGraphGroup(record);
  }

  #now(): string {
    return this.#clock.now().toISOString();
  }

  #lookup(): DirectoryLookup {
    return new DirectoryLookup(this.#store.directory);
  }

  /** Read-check-write in one transaction under the directory lock; store conflicts as directory errors. */
  async #write<T>(work: (dir: DirectoryStore, find: DirectoryLookup) => Promise<T>): Promise<T> {
    try {
      return await this.#store.transaction(async (store) => {
        await store.directory.lockForWrite();
        return work(store.directory, new DirectoryLookup(store.directory));
      });
    } catch (error) {
      throw asDirectoryError(error);
    }
  }

  async #managerId(find: DirectoryLookup, reference: string, userId: string): Promise<string> {
    const manager = await find.findUser(reference);
    if (manager === undefined || manager.id === userId) {
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_MANAGER_NOT_FOUND', { manager: reference });
    }
    return manager.id;
  }
}

function readOnly(objectType: string, attribute: string, given: string | undefined, current: string): void {
  if (given !== undefined && given !== current) {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_READ_ONLY_ATTRIBUTE', { objectType, attribute });
  }
}
