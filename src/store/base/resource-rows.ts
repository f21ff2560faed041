import { isJsonObject, type JsonObject } from '../../scim/index.js';
import type { ScimMultiValuesTable, ScimResourceRow } from '../database.js';
import type { StoredResource } from '../store.js';
import type { ResourcePlan } from './resource-plan.js';
import type { StoreDialect } from './store-dialect.js';

/** The columns derived from a resource's data (everything but keys, times and version). */
export interface DerivedColumns {
  readonly unique_value: string | null;
  readonly unique_lower: string | null;
  readonly external_id: string | null;
  readonly display_name: string | null;
  readonly active: unknown;
  readonly data: unknown;
}

export function deriveColumns(plan: ResourcePlan, data: JsonObject, dialect: StoreDialect): DerivedColumns {
  const unique = plan.unique === undefined ? undefined : data[plan.unique.name];
  const uniqueValue = typeof unique === 'string' ? unique : null;
  return {
    unique_value: uniqueValue,
    unique_lower: uniqueValue === null ? null : uniqueValue.toLowerCase(),
    external_id: typeof data.externalId === 'string' ? data.externalId : null,
    display_name: typeof data.displayName === 'string' ? data.displayName : null,
    active: dialect.encodeBoolean(typeof data.active === 'boolean' ? data.active : null),
    data: dialect.encodeJson(data),
  };
}

/** One scim_multi_values row per string `value` of each indexed multi-valued attribute. */
export function deriveMultiValues(
  plan: ResourcePlan,
  tenantId: string,
  resourceId: string,
  data: JsonObject,
): ScimMultiValuesTable[] {
  const rows: ScimMultiValuesTable[] = [];
  for (const indexed of plan.multiValues) {
    const holder = indexed.schemaUrn === undefined ? data : data[indexed.schemaUrn];
    if (!isJsonObject(holder)) continue;
    const values = holder[indexed.name];
    if (!Array.isArray(values)) continue;
    for (const item of values) {
      if (!isJsonObject(item) || typeof item.value !== 'string') continue;
      rows.push({
        tenant_id: tenantId,
        resource_id: resourceId,
        attribute: indexed.key,
        type_lower: typeof item.type === 'string' ? item.type.toLowerCase() : null,
        value: item.value,
        value_lower: item.value.toLowerCase(),
      });
    }
  }
  return rows;
}

export function toStoredResource(row: ScimResourceRow, dialect: StoreDialect): StoredResource {
  return {
    tenantId: row.tenant_id,
    resourceType: row.resource_type,
    id: row.id,
    data: dialect.decodeJson(row.data),
    created: row.created,
    lastModified: row.last_modified,
    version: Number(row.version),
  };
}
