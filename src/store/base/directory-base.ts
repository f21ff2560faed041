import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type { NewChange, Page, PageRequest, PrincipalType } from '../directory-store.js';
import { NotFound } from '../errors.js';
import { appendChanges, lockChangeLog } from './directory-change-log.js';
import { decodeAfter, toPage } from './directory-rows.js';
import { inTransaction, type DriverFailure, type StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

type Table = 'dir_users' | 'dir_groups';

/**
 * The directory's writes share one shape: lock the change log, change rows, append the change
 * entries collected on the way — all in one transaction. The directory store is layered by
 * concern (applications → members → groups → users and feed), each class adding one part.
 */
export class KyselyDirectoryBase {
  protected readonly context: StoreContext;
  constructor(context: StoreContext) {
    this.context = context;
  }

  #logLocked = false;

  protected write<T>(
    work: (db: Kysely<Database>, changes: NewChange[]) => Promise<T>,
    explain?: (failure: DriverFailure) => Error | undefined,
  ): Promise<T> {
    const { db, dialect } = this.context;
    return translating(
      dialect,
      () =>
        inTransaction(db, async (trx) => {
          // An instance bound to a caller's transaction (Store.transaction) locks once per transaction.
          if (!this.#logLocked) await lockChangeLog(trx, dialect);
          this.#logLocked = db.isTransaction;
          const changes: NewChange[] = [];
          const result = await work(trx, changes);
          await appendChanges(trx, dialect, changes);
          return result;
        }),
      explain,
    );
  }

  protected read<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return translating(this.context.dialect, () => work(this.context.db));
  }

  /** @throws NotFound when no row (deleted or not) has the id. */
  protected async requireRow(
    db: Kysely<Database>,
    table: 'dir_users' | 'dir_groups',
    type: string,
    id: string,
  ): Promise<void> {
    const row = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw new NotFound(type, id);
  }

  protected async removeAsMember(
    db: Kysely<Database>,
    changes: NewChange[],
    id: string,
    at: string,
  ): Promise<void> {
    const memberships = await db
      .deleteFrom('dir_group_members')
      .where('member_id', '=', id)
      .returning(['group_id', 'member_id', 'member_type'])
      .execute();
    for (const row of memberships) changes.push(memberChange('memberRemoved', row.group_id, row, at));
    const assignments = await db
      .deleteFrom('dir_assignments')
      .where('principal_id', '=', id)
      .returningAll()
      .execute();
    for (const row of assignments) changes.push(assignmentChange('assignmentRemoved', row, at));
  }

  protected async setDeleted(
    table: Table,
    type: 'user' | 'group',
    id: string,
    at: string,
    deleted: boolean,
  ): Promise<boolean> {
    return this.write(async (db, changes) => {
      const result = await db
        .updateTable(table)
        .set((eb) => ({ deleted_at: deleted ? at : null, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('deleted_at', deleted ? 'is' : 'is not', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      changes.push({ at, kind: deleted ? 'softDeleted' : 'restored', objectType: type, objectId: id });
      return true;
    });
  }

  protected async list<T>(
    table: Table,
    page: PageRequest & { deleted?: boolean },
    map: (row: Database[Table]) => T,
  ): Promise<Page<T>> {
    const kind = `${table}:${page.deleted === true}`;
    const after = decodeAfter(kind, page.after);
    return this.read(async (db) => {
      let query = db
        .selectFrom(table)
        .selectAll()
        .where('deleted_at', page.deleted === true ? 'is not' : 'is', null);
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = (await query
        .orderBy('id')
        .limit(page.limit + 1)
        .execute()) as Database[Table][];
      return toPage(rows, page.limit, kind, (r) => r.id, map);
    });
  }
}

export function memberChange(
  kind: 'memberAdded' | 'memberRemoved',
  groupId: string,
  row: { member_id: string; member_type: string },
  at: string,
): NewChange {
  return {
    at,
    kind,
    objectType: 'group',
    objectId: groupId,
    relatedId: row.member_id,
    relatedType: row.member_type as PrincipalType,
  };
}

export function assignmentChange(
  kind: 'assignmentAdded' | 'assignmentRemoved',
  row: Database['dir_assignments'],
  at: string,
): NewChange {
  return {
    at,
    kind,
    objectType: 'application',
    objectId: row.application_id,
    relatedId: row.principal_id,
    relatedType: row.principal_type as PrincipalType,
    detail: { assignmentId: row.id, appRoleId: row.app_role_id },
  };
}
