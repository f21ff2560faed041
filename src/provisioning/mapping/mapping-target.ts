import {
  ScimError,
  findSubAttribute,
  parsePatchPath,
  type AttributeDefinition,
  type Filter,
  type PatchPath,
  type ResourceSchema,
} from '../../scim/index.js';
import type { MappingIssueCode } from './mapping-errors.js';

/** A mapping's target path resolved against the target's schema. */
export interface MappingTarget {
  /** The path as written in the mapping (the key in {@link FlatValues}). */
  readonly text: string;
  readonly path: PatchPath;
  /** The top-level attribute. */
  readonly attribute: AttributeDefinition;
  /** What a value for this path must be: the sub-attribute's definition, else the attribute's. */
  readonly definition: AttributeDefinition;
  /** The extension URN the attribute lives under, if any. */
  readonly extension: string | undefined;
  /**
   * `single`: the value names one other object (the Enterprise `manager`); `multiple`: a list of
   * other objects (group `members`). Decided from metadata: a `$ref` to User/Group, or a
   * reference-typed attribute.
   */
  readonly reference: 'single' | 'multiple' | undefined;
  /** The sub-attributes a value filter pins (`type eq "work"` → `{ type: 'work' }`). */
  readonly pinned: Readonly<Record<string, string | number | boolean>> | undefined;
}

export type ResolveTargetResult =
  | { readonly ok: true; readonly target: MappingTarget }
  | {
      readonly ok: false;
      readonly code: MappingIssueCode;
      readonly message: string;
      readonly position?: number;
    };

/**
 * Resolves a target path against the target's schema. Paths with a value filter must select by
 * `eq` on sub-attributes only (ANDed), so that writing the path can create the selected value.
 */
export function resolveMappingTarget(text: string, schema: ResourceSchema): ResolveTargetResult {
  let path: PatchPath;
  try {
    path = parsePatchPath(text);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    const failure = {
      ok: false,
      code: 'invalidMapping',
      message: `target "${text}": ${error.detail}`,
    } as const;
    return error.position === undefined ? failure : { ...failure, position: error.position };
  }
  const schemaName = `${schema.resourceType.name} schema (${path.schema ?? schema.core.id})`;
  if (path.schema !== undefined && !schema.hasSchema(path.schema)) {
    return notFound(
      `the target has no schema "${path.schema}" for ${schema.resourceType.name} (path "${text}")`,
    );
  }
  const resolved = schema.findAttribute(path.attribute, path.schema);
  if (resolved === undefined) {
    return notFound(`attribute "${path.attribute}" is not in the target's ${schemaName}`);
  }
  const attribute = resolved.definition;
  let definition = attribute;
  if (path.subAttribute !== undefined) {
    const sub = attribute.type === 'complex' ? findSubAttribute(attribute, path.subAttribute) : undefined;
    if (sub === undefined) {
      return notFound(
        `attribute "${attribute.name}.${path.subAttribute}" is not in the target's ${schemaName}`,
      );
    }
    definition = sub;
  }
  let pinned: MappingTarget['pinned'];
  if (path.valueFilter !== undefined) {
    if (attribute.type !== 'complex' || !attribute.multiValued) {
      return invalid(`target "${text}": only a multi-valued complex attribute takes a value filter`);
    }
    pinned = pinnedValues(path.valueFilter, attribute);
    if (pinned === undefined) {
      return invalid(
        `target "${text}": the value filter must select by "eq" on sub-attributes of "${attribute.name}" (e.g. [type eq "work"])`,
      );
    }
  }
  const extension = resolved.inExtension ? resolved.schemaUrn : undefined;
  const reference = referenceKind(attribute, path);
  return { ok: true, target: { text, path, attribute, definition, extension, reference, pinned } };
}

function notFound(message: string): ResolveTargetResult {
  return { ok: false, code: 'unknownTargetAttribute', message: `SchemaAttributeNotFound: ${message}` };
}

function invalid(message: string): ResolveTargetResult {
  return { ok: false, code: 'invalidMapping', message };
}

function pinnedValues(
  filter: Filter,
  attribute: AttributeDefinition,
): Record<string, string | number | boolean> | undefined {
  if (filter.kind === 'comparison') {
    const sub = findSubAttribute(attribute, filter.path.attribute);
    if (filter.operator !== 'eq' || filter.value === null || sub === undefined) return undefined;
    if (filter.path.subAttribute !== undefined || filter.path.schema !== undefined) return undefined;
    return { [sub.name]: filter.value };
  }
  if (filter.kind !== 'logical' || filter.operator !== 'and') return undefined;
  const left = pinnedValues(filter.left, attribute);
  const right = pinnedValues(filter.right, attribute);
  if (left === undefined || right === undefined) return undefined;
  return { ...left, ...right };
}

/** A `$ref` to Users or Groups (not an external URL) marks an attribute that names other objects. */
function namesObjects(referenceTypes: readonly string[] | undefined): boolean {
  return (referenceTypes ?? []).some((type) => type !== 'external' && type !== 'uri');
}

function referenceKind(attribute: AttributeDefinition, path: PatchPath): MappingTarget['reference'] {
  if (path.valueFilter !== undefined) return undefined;
  const many = attribute.multiValued ? 'multiple' : 'single';
  if (attribute.type === 'reference') return namesObjects(attribute.referenceTypes) ? many : undefined;
  if (attribute.type !== 'complex') return undefined;
  const ref = findSubAttribute(attribute, '$ref');
  const value = findSubAttribute(attribute, 'value');
  if (ref?.type !== 'reference' || !namesObjects(ref.referenceTypes) || value === undefined) return undefined;
  if (path.subAttribute !== undefined && path.subAttribute.toLowerCase() !== 'value') return undefined;
  return many;
}
