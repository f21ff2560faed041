import type { Kysely, Migration } from 'kysely';

/**
 * Replaces `scim_multi_values_lookup` (tenant, attribute, value_lower) with an index that also
 * holds type_lower and resource_id: a filter such as `emails[type eq "work"].value eq "x"` then
 * finds its resource ids in the index alone, without reading each matching row of the table. The
 * old index is a prefix of the new one, so dropping it loses no plan and saves a write per
 * multi-value row. Same statements on both engines.
 */
export function multiValueCoveringIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createIndex('scim_multi_values_covering')
        .on('scim_multi_values')
        .columns(['tenant_id', 'attribute', 'value_lower', 'type_lower', 'resource_id'])
        .execute();
      await db.schema.dropIndex('scim_multi_values_lookup').execute();
    },
  };
}
