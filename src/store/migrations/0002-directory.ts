import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../base/store-dialect.js';

/**
 * The identity directory: users, groups, memberships, applications, assignments and the change
 * log. Sequences come from the one-row `dir_change_counter` (not an identity column): writers
 * take its row lock inside their transaction, so sequences are handed out in commit order and a
 * reader between concurrent writers never sees sequence n+1 before n.
 */
export function directoryMigration(engine: StoreEngine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const bool = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const bigint = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('dir_users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('upn_lower', 'text', (c) => c.notNull())
        .addColumn('attributes', json, (c) => c.notNull())
        .addColumn('manager_id', 'text')
        .addColumn('account_enabled', bool, (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addUniqueConstraint('dir_users_upn', ['upn_lower'])
        .execute();
      await db.schema.createIndex('dir_users_manager').on('dir_users').column('manager_id').execute();
      await db.schema.createIndex('dir_users_deleted').on('dir_users').column('deleted_at').execute();
      await db.schema
        .createTable('dir_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('display_name_lower', 'text', (c) => c.notNull())
        .addColumn('attributes', json, (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dir_groups_display_name')
        .on('dir_groups')
        .column('display_name_lower')
        .execute();
      await db.schema
        .createTable('dir_group_members')
        .addColumn('group_id', 'text', (c) => c.notNull().references('dir_groups.id').onDelete('cascade'))
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('member_type', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('dir_group_members_pk', ['group_id', 'member_id'])
        .execute();
      await db.schema
        .createIndex('dir_group_members_member')
        .on('dir_group_members')
        .column('member_id')
        .execute();
      await db.schema
        .createTable('dir_applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('name_lower', 'text', (c) => c.notNull())
        .addColumn('app_roles', json, (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addUniqueConstraint('dir_applications_name', ['name_lower'])
        .execute();
      await db.schema
        .createTable('dir_assignments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) =>
          c.notNull().references('dir_applications.id').onDelete('cascade'),
        )
        .addColumn('principal_id', 'text', (c) => c.notNull())
        .addColumn('principal_type', 'text', (c) => c.notNull())
        .addColumn('app_role_id', 'text', (c) => c.notNull())
        .addColumn('created', 'text', (c) => c.notNull())
        .addUniqueConstraint('dir_assignments_unique', ['application_id', 'principal_id', 'app_role_id'])
        .execute();
      await db.schema
        .createIndex('dir_assignments_principal')
        .on('dir_assignments')
        .column('principal_id')
        .execute();
      await db.schema
        .createTable('dir_changes')
        .addColumn('sequence', bigint, (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('object_id', 'text', (c) => c.notNull())
        .addColumn('changed_attributes', json)
        .addColumn('related_id', 'text')
        .addColumn('related_type', 'text')
        .addColumn('detail', json)
        .execute();
      await db.schema.createIndex('dir_changes_object').on('dir_changes').column('object_id').execute();
      await db.schema.createIndex('dir_changes_at').on('dir_changes').column('at').execute();
      await db.schema
        .createTable('dir_change_counter')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('value', bigint, (c) => c.notNull())
        .addColumn('horizon', bigint, (c) => c.notNull())
        .execute();
      await sql`insert into dir_change_counter (id, value, horizon) values (1, 0, 0)`.execute(db);
    },
  };
}
