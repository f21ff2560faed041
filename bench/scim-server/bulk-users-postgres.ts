/**
 * Loads users into PostgreSQL with a few large INSERTs instead of two statements per user: one
 * statement per 5,000 rows, each column bound as an array and unnested. 100,000 users through
 * the store API took minutes; this takes seconds. The rows are derived by the store's own
 * functions (canonical data, derived columns, multi-values), and {@link assertSameAsStoreApi}
 * checks them against users written through the store API.
 */
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { JsonObject } from '../../src/scim/index.js';
import { canonicalDateTime, canonicalizeResource, resourcePlan } from '../../src/store/base/resource-plan.js';
import { deriveColumns, deriveMultiValues } from '../../src/store/base/resource-rows.js';
import type { Store } from '../../src/store/index.js';
import { POSTGRES_STORE_DIALECT } from '../../src/store/postgres/postgres-store.js';
import type { ResourceSchema } from '../../src/scim/index.js';

const ROWS_PER_STATEMENT = 5_000;
const PARALLEL_STATEMENTS = 2;

const INSERT_RESOURCES = `
  insert into scim_resources (tenant_id, resource_type, id, unique_value, unique_lower, external_id,
    display_name, active, created, last_modified, version, data)
  select $1, $2, * from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::boolean[], $9::text[], $10::text[], $11::integer[], $12::jsonb[])`;

const INSERT_MULTI_VALUES = `
  insert into scim_multi_values (tenant_id, resource_id, attribute, type_lower, value, value_lower)
  select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`;

export interface BulkUser {
  readonly id: string;
  /** Validated input, as `assertResource` returns it for a POST. */
  readonly data: JsonObject;
}

/** What `users.insert(tenantId, { id, data, created }, { lastModified })` writes, as column arrays. */
function columnsOf(schema: ResourceSchema, tenantId: string, users: readonly BulkUser[], now: string) {
  const plan = resourcePlan(schema);
  const created = canonicalDateTime(now) ?? now;
  const resources: unknown[][] = Array.from({ length: 10 }, () => []);
  const multi: unknown[][] = Array.from({ length: 5 }, () => []);
  for (const user of users) {
    const data = canonicalizeResource(user.data, plan.schema);
    const derived = deriveColumns(plan, data, POSTGRES_STORE_DIALECT);
    const row = [
      user.id,
      derived.unique_value,
      derived.unique_lower,
      derived.external_id,
      derived.display_name,
      derived.active,
      created,
      created,
      1,
      derived.data,
    ];
    row.forEach((value, i) => resources[i]?.push(value));
    for (const value of deriveMultiValues(plan, tenantId, user.id, data)) {
      const values = [value.resource_id, value.attribute, value.type_lower, value.value, value.value_lower];
      values.forEach((v, i) => multi[i]?.push(v));
    }
  }
  return { resourceType: plan.resourceType, resources, multi };
}

/** Inserts `users` of `tenantId` as the store would, `now` being their created and lastModified. */
export async function bulkInsertUsers(
  databaseUrl: string,
  schema: ResourceSchema,
  tenantId: string,
  users: readonly BulkUser[],
  now: string,
): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: PARALLEL_STATEMENTS });
  try {
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < users.length) {
        const part = users.slice(next, next + ROWS_PER_STATEMENT);
        next += ROWS_PER_STATEMENT;
        const { resourceType, resources, multi } = columnsOf(schema, tenantId, part, now);
        const client = await pool.connect();
        try {
          // Both or neither, as the store's transaction per user.
          await client.query('begin');
          await client.query(INSERT_RESOURCES, [tenantId, resourceType, ...resources]);
          if ((multi[0]?.length ?? 0) > 0) await client.query(INSERT_MULTI_VALUES, [tenantId, ...multi]);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_STATEMENTS }, writer));
  } finally {
    await pool.end();
  }
}

const RESOURCE_ROW = `
  select resource_type, unique_value, unique_lower, external_id, display_name, active, created,
    last_modified, version, data
  from scim_resources where tenant_id = $1 and id = $2`;
const MULTI_VALUE_ROWS = `
  select attribute, type_lower, value, value_lower from scim_multi_values
  where tenant_id = $1 and resource_id = $2 order by attribute, value`;

/**
 * Writes `samples` again through the store API (`users.insert`) into `twinTenantId` and checks
 * that every column of their rows and multi-values equals the bulk-loaded ones.
 * @throws Error naming the first difference.
 */
export async function assertSameAsStoreApi(
  databaseUrl: string,
  store: Store,
  loaded: { readonly tenantId: string; readonly twinTenantId: string; readonly now: string },
  samples: readonly BulkUser[],
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const sample of samples) {
      const twinId = `twin-${sample.id}`;
      await store.users.insert(
        loaded.twinTenantId,
        { id: twinId, data: sample.data, created: loaded.now },
        { lastModified: loaded.now },
      );
      for (const sql of [RESOURCE_ROW, MULTI_VALUE_ROWS]) {
        const bulk = (await client.query(sql, [loaded.tenantId, sample.id])).rows;
        const api = (await client.query(sql, [loaded.twinTenantId, twinId])).rows;
        if (bulk.length === 0 || !isDeepStrictEqual(bulk, api)) {
          throw new Error(
            `bulk-loaded user ${sample.id} differs from the store API's:\n${JSON.stringify(bulk)}\n${JSON.stringify(api)}`,
          );
        }
      }
    }
  } finally {
    await client.end();
  }
}
