import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreEngine } from '../base/store-dialect.js';

/**
 * The provisioning engine's state: jobs, the per-object shadow (link + last written values),
 * the memberships written to each target group, and cycle history. Shadow rows are keyed by
 * source id, with an index on the target id for resolving links back.
 */
export function provisioningMigration(engine: StoreEngine): Migration {
  const json = engine === 'postgres' ? sql`jsonb` : sql`text`;
  const bool = engine === 'postgres' ? sql`boolean` : sql`integer`;
  const bigint = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('prov_jobs')
        .addColumn('application_id', 'text', (c) => c.primaryKey())
        .addColumn('enabled', bool, (c) => c.notNull())
        .addColumn('config', json, (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('watermark', bigint)
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('prov_objects')
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('object_type', 'text', (c) => c.notNull())
        .addColumn('source_id', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('object_values', json, (c) => c.notNull())
        .addColumn('detail', json)
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('prov_objects_pk', ['application_id', 'object_type', 'source_id'])
        .execute();
      await db.schema
        .createIndex('prov_objects_target')
        .on('prov_objects')
        .columns(['application_id', 'object_type', 'target_id'])
        .execute();
      await db.schema
        .createIndex('prov_objects_status')
        .on('prov_objects')
        .columns(['application_id', 'object_type', 'status', 'updated_at'])
        .execute();
      await db.schema
        .createTable('prov_memberships')
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('group_id', 'text', (c) => c.notNull())
        .addColumn('member_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('prov_memberships_pk', ['application_id', 'group_id', 'member_id'])
        .execute();
      await db.schema
        .createIndex('prov_memberships_member')
        .on('prov_memberships')
        .columns(['application_id', 'member_id'])
        .execute();
      await db.schema
        .createTable('prov_cycles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('application_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('finished_at', 'text')
        .addColumn('summary', json, (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('prov_cycles_app')
        .on('prov_cycles')
        .columns(['application_id', 'started_at'])
        .execute();
    },
  };
}
