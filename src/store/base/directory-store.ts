import type { JsonObject } from '../../scim/index.js';
import type { Database } from '../database.js';
import type {
  ChangeBatch,
  DirectoryStore,
  DirectoryUserRecord,
  Page,
  PageRequest,
} from '../directory-store.js';
import { NotFound, UniquenessConflict } from '../errors.js';
import { compactChangeLog, lockChangeLog, readChangesSince, readCounter } from './directory-change-log.js';
import { changedAttributeNames, text, toUserRecord } from './directory-rows.js';
import { chunk, inTransaction, type DriverFailure } from './store-dialect.js';
import { translating } from './translate-error.js';
import { KyselyDirectoryGroups } from './directory-groups.js';

/** The identity directory on Kysely: users with soft delete, and the change feed (see the base classes). */
export class KyselyDirectoryStore extends KyselyDirectoryGroups implements DirectoryStore {
  async createUser(
    user: Omit<DirectoryUserRecord, 'version' | 'deletedDateTime'>,
    at: string,
  ): Promise<DirectoryUserRecord> {
    const upn = text(user.attributes.userPrincipalName);
    return this.write(
      async (db, changes) => {
        await db
          .insertInto('dir_users')
          .values({
            id: user.id,
            created: user.createdDateTime,
            version: 1,
            deleted_at: null,
            ...this.#userColumns(user.attributes, user.managerId),
          })
          .execute();
        changes.push({ at, kind: 'created', objectType: 'user', objectId: user.id });
        return { ...user, deletedDateTime: undefined, version: 1 };
      },
      upnConflict(upn, user.id),
    );
  }

  async createUsers(
    users: readonly Omit<DirectoryUserRecord, 'version' | 'deletedDateTime'>[],
    at: string,
  ): Promise<number> {
    return this.write(
      async (db, changes) => {
        for (const part of chunk(users, 8, this.context.dialect.maxParameters)) {
          await db
            .insertInto('dir_users')
            .values(
              part.map((user) => ({
                id: user.id,
                created: user.createdDateTime,
                version: 1,
                deleted_at: null,
                ...this.#userColumns(user.attributes, user.managerId),
              })),
            )
            .execute();
        }
        for (const user of users)
          changes.push({ at, kind: 'created', objectType: 'user', objectId: user.id });
        return users.length;
      },
      upnConflict('(one of the batch)', '(one of the batch)'),
    );
  }

  async getUser(
    id: string,
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryUserRecord | undefined> {
    return (await this.getUsers([id], options))[0];
  }

  async getUserByPrincipalName(
    upn: string,
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryUserRecord | undefined> {
    return this.read(async (db) => {
      let query = db.selectFrom('dir_users').selectAll().where('upn_lower', '=', upn.toLowerCase());
      if (options?.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
      const row = await query.executeTakeFirst();
      return row === undefined ? undefined : toUserRecord(row, this.context.dialect);
    });
  }

  async getUsers(
    ids: readonly string[],
    options?: { includeDeleted?: boolean },
  ): Promise<DirectoryUserRecord[]> {
    return this.read(async (db) => {
      const found: DirectoryUserRecord[] = [];
      for (const part of chunk([...new Set(ids)], 1, this.context.dialect.maxParameters)) {
        let query = db.selectFrom('dir_users').selectAll().where('id', 'in', part);
        if (options?.includeDeleted !== true) query = query.where('deleted_at', 'is', null);
        found.push(
          ...(await query.orderBy('id').execute()).map((r) => toUserRecord(r, this.context.dialect)),
        );
      }
      return found;
    });
  }

  async directReports(managerIds: readonly string[]): Promise<string[]> {
    return this.read(async (db) => {
      const found: string[] = [];
      for (const part of chunk([...new Set(managerIds)], 1, this.context.dialect.maxParameters)) {
        const rows = await db
          .selectFrom('dir_users')
          .select('id')
          .where('manager_id', 'in', part)
          .where('deleted_at', 'is', null)
          .orderBy('id')
          .execute();
        found.push(...rows.map((r) => r.id));
      }
      return found;
    });
  }

  async updateUser(
    id: string,
    attributes: JsonObject,
    managerId: string | undefined,
    at: string,
  ): Promise<DirectoryUserRecord> {
    return this.write(
      async (db, changes) => {
        const row = await db.selectFrom('dir_users').selectAll().where('id', '=', id).executeTakeFirst();
        if (row === undefined) throw new NotFound('User', id);
        const current = toUserRecord(row, this.context.dialect);
        const changed = changedAttributeNames(current.attributes, attributes);
        if (current.managerId !== managerId) changed.push('manager');
        if (changed.length === 0) return current;
        const version = current.version + 1;
        await db
          .updateTable('dir_users')
          .set({ ...this.#userColumns(attributes, managerId), version })
          .where('id', '=', id)
          .execute();
        changes.push({
          at,
          kind: 'updated',
          objectType: 'user',
          objectId: id,
          changedAttributes: changed.sort(),
        });
        return { ...current, attributes, managerId, version };
      },
      upnConflict(text(attributes.userPrincipalName), id),
    );
  }

  async listUsers(page: PageRequest & { deleted?: boolean }): Promise<Page<DirectoryUserRecord>> {
    return this.list('dir_users', page, (row) =>
      toUserRecord(row as Database['dir_users'], this.context.dialect),
    );
  }

  softDeleteUser(id: string, at: string): Promise<boolean> {
    return this.setDeleted('dir_users', 'user', id, at, true);
  }

  restoreUser(id: string, at: string): Promise<boolean> {
    return this.setDeleted('dir_users', 'user', id, at, false);
  }

  async purgeUser(id: string, at: string): Promise<boolean> {
    return this.write(async (db, changes) => {
      const exists = await db.selectFrom('dir_users').select('id').where('id', '=', id).executeTakeFirst();
      if (exists === undefined) return false;
      await this.removeAsMember(db, changes, id, at);
      const reports = await db
        .updateTable('dir_users')
        .set((eb) => ({ manager_id: null, version: eb('version', '+', 1) }))
        .where('manager_id', '=', id)
        .returning('id')
        .execute();
      for (const report of reports) {
        changes.push({
          at,
          kind: 'updated',
          objectType: 'user',
          objectId: report.id,
          changedAttributes: ['manager'],
        });
      }
      await db.deleteFrom('dir_users').where('id', '=', id).execute();
      changes.push({ at, kind: 'permanentlyDeleted', objectType: 'user', objectId: id });
      return true;
    });
  }

  async usersDeletedBefore(before: string, limit: number): Promise<string[]> {
    return this.read(async (db) => {
      const rows = await db
        .selectFrom('dir_users')
        .select('id')
        .where('deleted_at', '<', before)
        .orderBy('deleted_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    });
  }

  async countUsers(options?: { deleted?: boolean }): Promise<number> {
    return this.read(async (db) => {
      const row = await db
        .selectFrom('dir_users')
        .select((eb) => eb.fn.countAll().as('count'))
        .where('deleted_at', options?.deleted === true ? 'is not' : 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    });
  }

  async lockForWrite(): Promise<void> {
    await this.write(() => Promise.resolve());
  }

  async changesSince(watermark: number, limit: number): Promise<ChangeBatch> {
    return this.read((db) => readChangesSince(db, this.context.dialect, watermark, limit));
  }

  async currentWatermark(): Promise<number> {
    return this.read(async (db) => (await readCounter(db)).value);
  }

  async compactChanges(before: string): Promise<number> {
    const { db, dialect } = this.context;
    return translating(dialect, () =>
      inTransaction(db, async (trx) => {
        await lockChangeLog(trx, dialect);
        return compactChangeLog(trx, before);
      }),
    );
  }

  async compactionHorizon(): Promise<number> {
    return this.read(async (db) => (await readCounter(db)).horizon);
  }

  /** Drops the principal's memberships and assignments, recording each. */
  #userColumns(attributes: JsonObject, managerId: string | undefined) {
    const { dialect } = this.context;
    return {
      upn_lower: text(attributes.userPrincipalName).toLowerCase(),
      attributes: dialect.encodeJson(attributes),
      manager_id: managerId ?? null,
      account_enabled: dialect.encodeBoolean(attributes.accountEnabled !== false),
    };
  }
}

function upnConflict(upn: string, id: string): (failure: DriverFailure) => Error | undefined {
  return (failure) =>
    failure.kind !== 'unique'
      ? undefined
      : failure.constraint.includes('upn')
        ? new UniquenessConflict('userPrincipalName', upn)
        : new UniquenessConflict('id', id);
}
