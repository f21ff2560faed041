import type { Kysely } from 'kysely';
import type { JsonObject, SchemaRegistry } from '../../scim/index.js';
import type { Database } from '../database.js';
import { NotFound, VersionConflict } from '../errors.js';
import type {
  GroupMember,
  GroupStore,
  MemberChanges,
  NewResource,
  ResourcePage,
  ResourceQuery,
  StoredGroup,
  WriteOptions,
} from '../store.js';
import {
  deleteGroupMembers,
  insertGroupMembers,
  MEMBER_ROWS_PER_STATEMENT,
  preparedMemberRows,
  SELECT_RESOURCE,
} from './resource-queries.js';
import { paddedChunks } from './prepared-query.js';
import { KyselyResourceStore } from './resource-store.js';
import { toStoredResource } from './resource-rows.js';
import { canonicalDateTime } from './resource-plan.js';
import { chunk, inTransaction, type AtomicMemberUpdate, type StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

/** Groups: a scim_resources row plus scim_group_members, changed in O(members changed). */
export class KyselyGroupStore extends KyselyResourceStore implements GroupStore {
  constructor(context: StoreContext, registry: SchemaRegistry) {
    super(context, registry, 'Group');
  }

  async insert(
    tenantId: string,
    group: NewResource & { members: readonly GroupMember[] },
    options: { lastModified: string },
  ): Promise<StoredGroup> {
    const members = uniqueMembers(group.members);
    return translating(
      this.context.dialect,
      () =>
        inTransaction(this.context.db, async (db) => {
          const stored = await this.insertRow(db, tenantId, group, options.lastModified);
          await this.#insertMembers(db, tenantId, group.id, members);
          return { ...stored, members };
        }),
      this.explain(tenantId, group.id, group.data),
    );
  }

  override async get(
    tenantId: string,
    id: string,
    options?: { members: boolean },
  ): Promise<StoredGroup | undefined> {
    const stored = await super.get(tenantId, id);
    if (stored === undefined || options?.members !== true) return stored;
    const members = await translating(this.context.dialect, () => this.#membersOf(tenantId, [id]));
    return { ...stored, members: members.get(id) ?? [] };
  }

  async replace(
    tenantId: string,
    id: string,
    data: JsonObject,
    members: readonly GroupMember[] | undefined,
    options: WriteOptions,
  ): Promise<StoredGroup> {
    const replacement = members === undefined ? undefined : uniqueMembers(members);
    return translating(
      this.context.dialect,
      () =>
        inTransaction(this.context.db, async (db) => {
          const stored = await this.updateRow(db, tenantId, id, data, options);
          if (replacement === undefined) return stored;
          await db
            .deleteFrom('scim_group_members')
            .where('tenant_id', '=', tenantId)
            .where('group_id', '=', id)
            .execute();
          await this.#insertMembers(db, tenantId, id, replacement);
          return { ...stored, members: replacement };
        }),
      this.explain(tenantId, id, data),
    );
  }

  async updateMembers(
    tenantId: string,
    id: string,
    changes: MemberChanges,
    options: WriteOptions & { data?: JsonObject },
  ): Promise<StoredGroup> {
    const { dialect } = this.context;
    const atomic = dialect.updateMembersAtomically;
    if (atomic !== undefined && changes.removeAll !== true && options.data === undefined) {
      return translating(
        dialect,
        () => this.#updateMembersAtomically(atomic, tenantId, id, changes, options),
        this.explain(tenantId, id, undefined),
      );
    }
    return translating(
      dialect,
      () =>
        inTransaction(this.context.db, async (db) => {
          // The row lock, where the engine has one, is taken by a query built here; elsewhere
          // the prepared read serves (SQLite's write transaction already excludes other writers).
          const current = dialect.lockRowsForUpdate
            ? await db
                .selectFrom('scim_resources')
                .selectAll()
                .where('tenant_id', '=', tenantId)
                .where('id', '=', id)
                .where('resource_type', '=', this.resourceType)
                .forUpdate()
                .executeTakeFirst()
            : (await SELECT_RESOURCE.execute({ db, dialect }, [tenantId, id, this.resourceType])).rows[0];
          if (current === undefined) throw new NotFound(this.resourceType, id);
          const version = Number(current.version);
          if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
            throw new VersionConflict(options.expectedVersion, version);
          }
          let changed = 0;
          if (changes.removeAll === true) {
            const result = await db
              .deleteFrom('scim_group_members')
              .where('tenant_id', '=', tenantId)
              .where('group_id', '=', id)
              .executeTakeFirst();
            changed += Number(result.numDeletedRows);
          }
          // Padded like the inserts: a repeated id in the IN list deletes nothing more.
          const removals = [...new Set(changes.remove ?? [])];
          for (const part of paddedChunks(removals, MEMBER_ROWS_PER_STATEMENT, preparedMemberRows)) {
            const { numAffectedRows } = await deleteGroupMembers(part.length).execute({ db, dialect }, [
              tenantId,
              id,
              ...part,
            ]);
            changed += Number(numAffectedRows ?? 0);
          }
          changed += await this.#insertMembers(db, tenantId, id, uniqueMembers(changes.add ?? []));
          if (changed === 0 && options.data === undefined) return toStoredResource(current, dialect);
          return this.updateRow(db, tenantId, id, options.data, { lastModified: options.lastModified });
        }),
      this.explain(tenantId, id, options.data),
    );
  }

  /** One statement, atomic by itself: no transaction of its own is needed. */
  async #updateMembersAtomically(
    atomic: AtomicMemberUpdate,
    tenantId: string,
    id: string,
    changes: MemberChanges,
    options: WriteOptions,
  ): Promise<StoredGroup> {
    const result = await atomic(this.context.db, {
      tenantId,
      groupId: id,
      resourceType: this.resourceType,
      expectedVersion: options.expectedVersion,
      remove: [...new Set(changes.remove ?? [])],
      add: uniqueMembers(changes.add ?? []),
      lastModified: canonicalDateTime(options.lastModified) ?? options.lastModified,
    });
    if (result === undefined) throw new NotFound(this.resourceType, id);
    const version = Number(result.row.version);
    if (!result.written && options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new VersionConflict(options.expectedVersion, version);
    }
    return toStoredResource(result.row, this.context.dialect);
  }

  async query(
    tenantId: string,
    query: ResourceQuery & { members: boolean },
  ): Promise<ResourcePage<StoredGroup>> {
    const page = await this.queryRows(tenantId, query);
    const items: StoredGroup[] = page.rows.map((row) => toStoredResource(row, this.context.dialect));
    if (query.members && items.length > 0) {
      const members = await translating(this.context.dialect, () =>
        this.#membersOf(
          tenantId,
          items.map((item) => item.id),
        ),
      );
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        items[i] = { ...item, members: members.get(item.id) ?? [] };
      }
    }
    return { items, totalResults: page.totalResults, nextPosition: page.nextPosition };
  }

  /** Inserts members not yet present; returns how many were new. */
  async #insertMembers(
    db: Kysely<Database>,
    tenantId: string,
    groupId: string,
    members: readonly GroupMember[],
  ): Promise<number> {
    let inserted = 0;
    for (const part of paddedChunks(members, MEMBER_ROWS_PER_STATEMENT, preparedMemberRows)) {
      const args = part.flatMap((member) => [
        tenantId,
        groupId,
        member.value,
        member.type,
        member.display ?? null,
      ]);
      const { numAffectedRows } = await insertGroupMembers(part.length).execute(
        { db, dialect: this.context.dialect },
        args,
      );
      inserted += Number(numAffectedRows ?? 0);
    }
    return inserted;
  }

  async #membersOf(tenantId: string, groupIds: readonly string[]): Promise<Map<string, GroupMember[]>> {
    const result = new Map<string, GroupMember[]>();
    for (const part of chunk(groupIds, 1, this.context.dialect.maxParameters)) {
      const rows = await this.context.db
        .selectFrom('scim_group_members')
        .select(['group_id', 'member_id', 'member_type', 'display'])
        .where('tenant_id', '=', tenantId)
        .where('group_id', 'in', part)
        .orderBy('group_id')
        .orderBy('member_id')
        .execute();
      for (const row of rows) {
        let list = result.get(row.group_id);
        if (list === undefined) result.set(row.group_id, (list = []));
        list.push({
          value: row.member_id,
          type: row.member_type,
          ...(row.display === null ? {} : { display: row.display }),
        });
      }
    }
    return result;
  }
}

function uniqueMembers(members: readonly GroupMember[]): GroupMember[] {
  const seen = new Map<string, GroupMember>();
  for (const member of members) if (!seen.has(member.value)) seen.set(member.value, member);
  return [...seen.values()];
}
