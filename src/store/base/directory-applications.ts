import type { ApplicationRecord, AssignmentRecord, Page, PageRequest } from '../directory-store.js';
import { NotFound, UniquenessConflict } from '../errors.js';
import { decodeAfter, toApplicationRecord, toAssignmentRecord, toPage } from './directory-rows.js';
import { chunk } from './store-dialect.js';
import { assignmentChange, KyselyDirectoryBase } from './directory-base.js';

/** Applications with app roles, and assignments of users and groups to them. */
export class KyselyDirectoryApplications extends KyselyDirectoryBase {
  async createApplication(app: ApplicationRecord, at: string): Promise<ApplicationRecord> {
    const { dialect } = this.context;
    return this.write(
      async (db, changes) => {
        await db
          .insertInto('dir_applications')
          .values({
            id: app.id,
            name: app.name,
            name_lower: app.name.toLowerCase(),
            app_roles: dialect.encodeJson(app.appRoles as unknown as Record<string, unknown>),
            created: app.createdDateTime,
          })
          .execute();
        changes.push({ at, kind: 'created', objectType: 'application', objectId: app.id });
        return app;
      },
      (failure) =>
        failure.kind !== 'unique'
          ? undefined
          : failure.constraint.includes('name')
            ? new UniquenessConflict('name', app.name)
            : new UniquenessConflict('id', app.id),
    );
  }

  async getApplication(id: string): Promise<ApplicationRecord | undefined> {
    return this.read(async (db) => {
      const row = await db.selectFrom('dir_applications').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toApplicationRecord(row, this.context.dialect);
    });
  }

  async getApplicationByName(name: string): Promise<ApplicationRecord | undefined> {
    return this.read(async (db) => {
      const row = await db
        .selectFrom('dir_applications')
        .selectAll()
        .where('name_lower', '=', name.toLowerCase())
        .executeTakeFirst();
      return row === undefined ? undefined : toApplicationRecord(row, this.context.dialect);
    });
  }

  async listApplications(): Promise<ApplicationRecord[]> {
    return this.read(async (db) => {
      const rows = await db.selectFrom('dir_applications').selectAll().orderBy('name_lower').execute();
      return rows.map((row) => toApplicationRecord(row, this.context.dialect));
    });
  }

  async deleteApplication(id: string, at: string): Promise<boolean> {
    return this.write(async (db, changes) => {
      const removed = await db
        .deleteFrom('dir_assignments')
        .where('application_id', '=', id)
        .returningAll()
        .execute();
      for (const row of removed) changes.push(assignmentChange('assignmentRemoved', row, at));
      const result = await db.deleteFrom('dir_applications').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      changes.push({ at, kind: 'permanentlyDeleted', objectType: 'application', objectId: id });
      return true;
    });
  }

  async addAssignment(assignment: AssignmentRecord, at: string): Promise<AssignmentRecord> {
    return this.write(
      async (db, changes) => {
        const inserted = await db
          .insertInto('dir_assignments')
          .values({
            id: assignment.id,
            application_id: assignment.applicationId,
            principal_id: assignment.principalId,
            principal_type: assignment.principalType,
            app_role_id: assignment.appRoleId,
            created: assignment.createdDateTime,
          })
          .onConflict((c) => c.columns(['application_id', 'principal_id', 'app_role_id']).doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted !== undefined) {
          changes.push(assignmentChange('assignmentAdded', inserted, at));
          return toAssignmentRecord(inserted);
        }
        const existing = await db
          .selectFrom('dir_assignments')
          .selectAll()
          .where('application_id', '=', assignment.applicationId)
          .where('principal_id', '=', assignment.principalId)
          .where('app_role_id', '=', assignment.appRoleId)
          .executeTakeFirstOrThrow();
        return toAssignmentRecord(existing);
      },
      (failure) =>
        failure.kind === 'foreignKey'
          ? new NotFound('Application', assignment.applicationId)
          : failure.kind === 'unique'
            ? new UniquenessConflict('id', assignment.id)
            : undefined,
    );
  }

  async removeAssignment(
    applicationId: string,
    principalId: string,
    appRoleId: string | undefined,
    at: string,
  ): Promise<number> {
    return this.write(async (db, changes) => {
      let query = db
        .deleteFrom('dir_assignments')
        .where('application_id', '=', applicationId)
        .where('principal_id', '=', principalId);
      if (appRoleId !== undefined) query = query.where('app_role_id', '=', appRoleId);
      const rows = await query.returningAll().execute();
      for (const row of rows) changes.push(assignmentChange('assignmentRemoved', row, at));
      return rows.length;
    });
  }

  async listAssignments(applicationId: string, page: PageRequest): Promise<Page<AssignmentRecord>> {
    const kind = `assignments:${applicationId}`;
    const after = decodeAfter(kind, page.after);
    return this.read(async (db) => {
      let query = db.selectFrom('dir_assignments').selectAll().where('application_id', '=', applicationId);
      if (after !== undefined) query = query.where('id', '>', after);
      const rows = await query
        .orderBy('id')
        .limit(page.limit + 1)
        .execute();
      return toPage(rows, page.limit, kind, (r) => r.id, toAssignmentRecord);
    });
  }

  async assignmentsOfPrincipals(
    applicationId: string,
    principalIds: readonly string[],
  ): Promise<AssignmentRecord[]> {
    return this.read(async (db) => {
      const found: AssignmentRecord[] = [];
      for (const part of chunk([...new Set(principalIds)], 1, this.context.dialect.maxParameters)) {
        const rows = await db
          .selectFrom('dir_assignments')
          .selectAll()
          .where('application_id', '=', applicationId)
          .where('principal_id', 'in', part)
          .orderBy('id')
          .execute();
        found.push(...rows.map(toAssignmentRecord));
      }
      return found;
    });
  }
}
