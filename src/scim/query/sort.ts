import { invalidPath } from '../errors/scim-error.js';
import { parseDateTime } from '../filter/date-time.js';
import type { AttributePath } from '../path/attribute-path.js';
import { parseAttributePath } from '../path/path-parser.js';
import { resolveAttributePath } from '../path/resolve-attribute-path.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import type { ResourceSchema } from '../schema/schema-registry.js';
import {
  getAttributeContainer,
  getMember,
  isJsonObject,
  type JsonObject,
} from '../resource/attribute-access.js';

/** RFC 7644 §3.4.2.3 `sortOrder` values. */
export const SORT_ORDERS = ['ascending', 'descending'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export type SortComparator = (a: JsonObject, b: JsonObject) => number;

type SortKey = string | number | boolean | undefined;

interface SortPlan {
  readonly path: AttributePath;
  /** The definition whose values are compared. */
  readonly definition: AttributeDefinition;
  /** The sub-attribute read from each complex value, when there is one. */
  readonly subAttribute: string | undefined;
  readonly multiValued: boolean;
}

function plan(schema: ResourceSchema, sortBy: AttributePath | string): SortPlan {
  const path = typeof sortBy === 'string' ? parseAttributePath(sortBy) : sortBy;
  const resolved = resolveAttributePath(path, schema);
  const attribute = resolved.attribute.definition;
  if (resolved.subAttribute !== undefined) {
    return {
      path,
      definition: resolved.subAttribute,
      subAttribute: path.subAttribute,
      multiValued: attribute.multiValued,
    };
  }
  if (attribute.type !== 'complex')
    return { path, definition: attribute, subAttribute: undefined, multiValued: attribute.multiValued };
  // A multi-valued complex attribute sorts by its `value` sub-attribute (RFC 7643 §2.4).
  const value = attribute.multiValued ? schema.findSubAttribute(attribute, 'value') : undefined;
  if (value === undefined) {
    throw invalidPath(
      `sortBy "${attribute.name}" is complex: name one of its sub-attributes, e.g. "${attribute.name}.${attribute.subAttributes?.[0]?.name ?? 'value'}"`,
    );
  }
  return { path, definition: value, subAttribute: value.name, multiValued: true };
}

/** The value a resource sorts by: the primary value, else the first (RFC 7644 §3.4.2.3). */
function pick(resource: JsonObject, sort: SortPlan, schema: ResourceSchema): unknown {
  const container = getAttributeContainer(resource, sort.path, schema);
  if (container === undefined) return undefined;
  const value = getMember(container, sort.path.attribute);
  if (value === undefined || value === null) return undefined;
  let item: unknown = value;
  if (sort.multiValued) {
    if (!Array.isArray(value) || value.length === 0) return undefined;
    item = value.find((v) => isJsonObject(v) && getMember(v, 'primary') === true) ?? value[0];
  }
  if (sort.subAttribute === undefined) return item;
  return isJsonObject(item) ? getMember(item, sort.subAttribute) : undefined;
}

/** A comparable key by attribute type; `undefined` when there is no usable value. */
function toKey(value: unknown, definition: AttributeDefinition): SortKey {
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'dateTime':
      return typeof value === 'string' ? parseDateTime(value) : undefined;
    case 'binary':
      return typeof value === 'string' ? value : undefined;
    case 'string':
    case 'reference':
      if (typeof value !== 'string') return undefined;
      return definition.caseExact ? value : value.toLowerCase();
    case 'complex':
      return undefined;
  }
}

function compareKeys(a: SortKey, b: SortKey): number {
  // Missing values sort last when ascending; the descending flip puts them first (§3.4.2.3).
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * A comparator ordering resources by `sortBy` (RFC 7644 §3.4.2.3): a multi-valued attribute
 * sorts by its primary value, else its first; strings compare case-insensitively unless the
 * attribute is caseExact (code-point order, no locale); numbers, booleans and dateTimes by
 * value. "If there is no data for the specified sortBy value, they are sorted via the sortOrder
 * parameter, i.e., they are ordered last if ascending and first if descending."
 *
 * @throws ScimError 400 `invalidPath` when `sortBy` names nothing, or a complex attribute without a sub-attribute.
 * @example resources.sort(compareForSort(registry.resourceSchema('User'), 'name.familyName', 'descending'))
 */
export function compareForSort(
  schema: ResourceSchema,
  sortBy: AttributePath | string,
  order: SortOrder = 'ascending',
): SortComparator {
  const sort = plan(schema, sortBy);
  const sign = order === 'descending' ? -1 : 1;
  return (a, b) =>
    sign *
    compareKeys(toKey(pick(a, sort, schema), sort.definition), toKey(pick(b, sort, schema), sort.definition));
}

/**
 * Sorts a copy of `resources`, reading each sort key once. Stable: equal keys keep their order.
 */
export function sortResources<T extends JsonObject>(
  resources: readonly T[],
  schema: ResourceSchema,
  sortBy: AttributePath | string,
  order: SortOrder = 'ascending',
): T[] {
  const sort = plan(schema, sortBy);
  const sign = order === 'descending' ? -1 : 1;
  return resources
    .map((resource) => ({ resource, key: toKey(pick(resource, sort, schema), sort.definition) }))
    .sort((x, y) => sign * compareKeys(x.key, y.key))
    .map((entry) => entry.resource);
}
