import type { JsonObject } from '../../scim/index.js';
import type { Database } from '../database.js';
import type { DirectoryGroupRecord, Page, PageRequest } from '../directory-store.js';
import { NotFound, UniquenessConflict } from '../errors.js';
import { changedAttributeNames, text, toGroupRecord } from './directory-rows.js';
import { chunk } from './store-dialect.js';
import { KyselyDirectoryMembers } from './directory-members.js';

/** Groups with soft delete; displayName is not unique (as in Entra). */
export class KyselyDirectoryGroups extends KyselyDirectoryMembers {
  async createGroup(
    group: Omit<DirectoryGroupRecord, 'version' | 'deletedDateTime'>,
    at: string,
  ): Promise<DirectoryGroupRecord> {
    return this.write(
      async (db, changes) => {
        await db
          .insertInto('dir_groups')
          .values({
            id: group.id,
            created: group.createdDateTime,
            version: 1,
            deleted_at: null,
            ...this.#groupColumns(group.attributes),
          })
          .execute();
        changes.push({ at, kind: 'created', objectType: 'group', objectId: group.id });
        return { ...group, deletedDateTime: undefined, version: 1 };
      },
      (failure) => (failure.kind === 'unique' ? new UniquenessConflict('id', group.id) : undefined),
    );
  }

  async createGroups(
    groups: readonly Omit<DirectoryGroupRecord, 'version' | 'deletedDateTime'>[],
    at: string,
  ): Promise<number> {
    return this.write(
      async (db, changes) => {
        for (const part of chunk(groups, 7, this.context.dialect.maxParameters)) {
          await db
            .insertInto('dir_groups')
            .values(
              part.map((group) => ({
                id: group.id,
                created: group.createdDateTime,
                version: 1,
                deleted_at: null,
                ...this.#groupColumns(group.attributes),
              })),
            )
            .execute();
        }
        for (const group of groups)
          changes.push({ at, kind: 'created', objectType: 'group', objectId: group.id });
        return groups.length;
      },
      (failure) =>
        failure.kind === 'unique' ? new UniquenessConflict('id', '(one of the batch)') : undefined,
    );
  }

  async getGroup(
    id: string,
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryGroupRecord | undefined> {
    return (await this.getGroups([id], options))[0];
  }

  async getGroupByDisplayName(name: string): Promise<DirectoryGroupRecord[]> {
    return this.read(async (db) => {
      const rows = await db
        .selectFrom('dir_groups')
        .selectAll()
        .where('display_name_lower', '=', name.toLowerCase())
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((r) => toGroupRecord(r, this.context.dialect));
    });
  }

  async getGroups(
    ids: readonly string[],
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryGroupRecord[]> {
    return this.read(async (db) => {
      const found: DirectoryGroupRecord[] = [];
      for (const part of chunk([...new Set(ids)], 1, this.context.dialect.maxParameters)) {
        let query = db.selectFrom('dir_groups').selectAll().where('id', 'in', part);
        if (options?.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
        found.push(
          ...(await query.orderBy('id').execute()).map((r) => toGroupRecord(r, this.context.dialect)),
        );
      }
      return found;
    });
  }

  async updateGroup(id: string, attributes: JsonObject, at: string): Promise<DirectoryGroupRecord> {
    return this.write(async (db, changes) => {
      const row = await db.selectFrom('dir_groups').selectAll().where('id', '=', id).executeTakeFirst();
      if (row === undefined) throw new NotFound('Group', id);
      const current = toGroupRecord(row, this.context.dialect);
      const changed = changedAttributeNames(current.attributes, attributes);
      if (changed.length === 0) return current;
      const version = current.version + 1;
      await db
        .updateTable('dir_groups')
        .set({ ...this.#groupColumns(attributes), version })
        .where('id', '=', id)
        .execute();
      changes.push({ at, kind: 'updated', objectType: 'group', objectId: id, changedAttributes: changed });
      return { ...current, attributes, version };
    });
  }

  async listGroups(page: PageRequest & { deleted?: boolean }): Promise<Page<DirectoryGroupRecord>> {
    return this.list('dir_groups', page, (row) =>
      toGroupRecord(row as Database['dir_groups'], this.context.dialect),
    );
  }

  softDeleteGroup(id: string, at: string): Promise<boolean> {
    return this.setDeleted('dir_groups', 'group', id, at, true);
  }

  restoreGroup(id: string, at: string): Promise<boolean> {
    return this.setDeleted('dir_groups', 'group', id, at, false);
  }

  async purgeGroup(id: string, at: string): Promise<boolean> {
    return this.write(async (db, changes) => {
      const exists = await db.selectFrom('dir_groups').select('id').where('id', '=', id).executeTakeFirst();
      if (exists === undefined) return false;
      await this.removeAsMember(db, changes, id, at);
      // Its own member rows go with it (FK cascade): `permanentlyDeleted` says all of that.
      await db.deleteFrom('dir_groups').where('id', '=', id).execute();
      changes.push({ at, kind: 'permanentlyDeleted', objectType: 'group', objectId: id });
      return true;
    });
  }

  #groupColumns(attributes: JsonObject) {
    const displayName = text(attributes.displayName);
    return {
      display_name: displayName,
      display_name_lower: displayName.toLowerCase(),
      attributes: this.context.dialect.encodeJson(attributes),
    };
  }
}
