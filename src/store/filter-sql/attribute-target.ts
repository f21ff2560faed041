import {
  findSubAttribute,
  type AttributeDefinition,
  type AttributePath,
  type ResourceSchema,
} from '../../scim/index.js';
import { UnsupportedQuery } from '../errors.js';
import type { IndexedMultiValue, ResourcePlan } from '../base/resource-plan.js';

/** A resource column a path maps to instead of the JSON document. */
export type ColumnName = 'id' | 'external_id' | 'unique' | 'created' | 'last_modified' | 'version';

/** Where a top-level attribute lives, resolved against the query's schema (RFC 7643 §2.1, §3.3). */
export type AttributeTarget =
  | { readonly kind: 'absent' }
  /** A value every resource has (id, meta) that no column holds as such. */
  | {
      readonly kind: 'constant';
      readonly definition: AttributeDefinition;
      readonly value: string | undefined;
    }
  | { readonly kind: 'column'; readonly column: ColumnName; readonly definition: AttributeDefinition }
  /** The derived User `groups` / Group `members` attribute, read from scim_group_members. */
  | {
      readonly kind: 'membership';
      readonly attribute: 'groups' | 'members';
      readonly definition: AttributeDefinition;
    }
  | {
      readonly kind: 'json';
      /** Keys to the attribute: its name, under its extension URN when it has one. */
      readonly keys: readonly string[];
      readonly definition: AttributeDefinition;
      readonly indexed: IndexedMultiValue | undefined;
    };

const META_COLUMNS: Readonly<Record<string, ColumnName>> = {
  created: 'created',
  lastmodified: 'last_modified',
  version: 'version',
};

/**
 * Resolves `path.schema:path.attribute` (not the sub-attribute). Common attributes and the
 * unique attribute map to columns; `meta` sub-attributes are resolved here too, since `meta`
 * is not stored in the JSON document.
 */
export function resolveTarget(
  path: AttributePath,
  schema: ResourceSchema,
  plan: ResourcePlan,
): AttributeTarget {
  if (path.schema !== undefined && !schema.hasSchema(path.schema)) return { kind: 'absent' };
  const resolved = schema.findAttribute(path.attribute, path.schema);
  if (resolved === undefined) return { kind: 'absent' };
  const definition = resolved.definition;
  if (resolved.schemaUrn === undefined) return resolveCommon(path, definition, schema);
  if (!resolved.inExtension) {
    if (plan.membership !== undefined && definition.name === plan.membership) {
      return { kind: 'membership', attribute: plan.membership, definition };
    }
    if (
      plan.unique !== undefined &&
      definition.name === plan.unique.name &&
      path.subAttribute === undefined
    ) {
      return { kind: 'column', column: 'unique', definition };
    }
  }
  const keys = resolved.inExtension ? [resolved.schemaUrn, definition.name] : [definition.name];
  const indexed = plan.multiValues.find(
    (m) =>
      m.name === definition.name && m.schemaUrn === (resolved.inExtension ? resolved.schemaUrn : undefined),
  );
  return { kind: 'json', keys, definition, indexed };
}

function resolveCommon(
  path: AttributePath,
  definition: AttributeDefinition,
  schema: ResourceSchema,
): AttributeTarget {
  if (definition.name === 'id')
    return path.subAttribute === undefined
      ? { kind: 'column', column: 'id', definition }
      : { kind: 'absent' };
  if (definition.name === 'externalId') {
    return path.subAttribute === undefined
      ? { kind: 'column', column: 'external_id', definition }
      : { kind: 'absent' };
  }
  // meta: the sub-attribute decides.
  if (path.subAttribute === undefined) return { kind: 'constant', definition, value: undefined };
  const sub = findSubAttribute(definition, path.subAttribute);
  if (sub === undefined) return { kind: 'absent' };
  const column = META_COLUMNS[sub.name.toLowerCase()];
  if (column !== undefined) return { kind: 'column', column, definition: sub };
  if (sub.name === 'resourceType')
    return { kind: 'constant', definition: sub, value: schema.resourceType.name };
  throw new UnsupportedQuery(`meta.${sub.name} cannot be filtered or sorted on`);
}
