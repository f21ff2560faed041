import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../base/store-dialect.js';

/**
 * Tenants, keys, audit, settings and the SCIM resources with their side tables. One migration
 * for both engines; only column types differ (JSON as TEXT vs jsonb, booleans, identity).
 */
export function initialMigration(engine: StoreEngine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const bool = engine === 'postgres' ? sql`boolean` : sql`integer`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('tenant_domains')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('domain', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tenant_domains_pk', ['tenant_id', 'domain'])
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_used_at', 'text')
        .execute();
      await db.schema.createIndex('api_keys_tenant').on('api_keys').column('tenant_id').execute();
      await db.schema
        .createTable('audit_log')
        .addColumn('sequence', engine === 'postgres' ? 'bigint' : 'integer', (c) =>
          engine === 'postgres'
            ? c.primaryKey().generatedByDefaultAsIdentity()
            : c.primaryKey().autoIncrement(),
        )
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('resource_type', 'text')
        .addColumn('resource_id', 'text')
        .addColumn('detail', json)
        .execute();
      await db.schema
        .createIndex('audit_log_tenant')
        .on('audit_log')
        .columns(['tenant_id', 'sequence'])
        .execute();
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('scim_resources')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id').onDelete('cascade'))
        .addColumn('resource_type', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('unique_value', 'text')
        .addColumn('unique_lower', 'text')
        .addColumn('external_id', 'text')
        .addColumn('display_name', 'text')
        .addColumn('active', bool)
        .addColumn('created', 'text', (c) => c.notNull())
        .addColumn('last_modified', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('data', json, (c) => c.notNull())
        .addPrimaryKeyConstraint('scim_resources_pk', ['tenant_id', 'id'])
        .addUniqueConstraint('scim_resources_unique', ['tenant_id', 'resource_type', 'unique_lower'])
        .execute();
      for (const [name, column] of [
        ['scim_resources_external_id', 'external_id'],
        ['scim_resources_last_modified', 'last_modified'],
        ['scim_resources_created', 'created'],
        ['scim_resources_display_name', 'display_name'],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('scim_resources')
          .columns(['tenant_id', 'resource_type', column])
          .execute();
      }
      await db.schema
        .createTable('scim_multi_values')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('attribute', 'text', (c) => c.notNull())
        .addColumn('type_lower', 'text')
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('value_lower', 'text', (c) => c.notNull())
        .addForeignKeyConstraint(
          'scim_multi_values_resource',
          ['tenant_id', 'resource_id'],
          'scim_resources',
          ['tenant_id', 'id'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('scim_multi_values_lookup')
        .on('scim_multi_values')
        .columns(['tenant_id', 'attribute', 'value_lower'])
        .execute();
      await db.schema
        .createIndex('scim_multi_values_resource')
        .on('scim_multi_values')
        .columns(['tenant_id', 'resource_id'])
        .execute();
      await db.schema
        .createTable('scim_group_members')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addColumn('member_type', 'text', (c) => c.notNull())
        .addColumn('display', 'text')
        .addPrimaryKeyConstraint('scim_group_members_pk', ['tenant_id', 'group_id', 'member_id'])
        .addForeignKeyConstraint(
          'scim_group_members_group',
          ['tenant_id', 'group_id'],
          'scim_resources',
          ['tenant_id', 'id'],
          (c) => c.onDelete('cascade'),
        )
        .execute();
      await db.schema
        .createIndex('scim_group_members_member')
        .on('scim_group_members')
        // group_id makes it covering: without it SQLite prefers scanning the covering primary key.
        .columns(['tenant_id', 'member_id', 'group_id'])
        .execute();
    },
  };
}
