import { invalidPath, ScimError } from '../errors/scim-error.js';
import { compileFilter, type Filter, type ValuePathFilter } from '../filter/index.js';
import { resolveAttributePath, type PatchPath } from '../path/index.js';
import type { JsonObject } from '../resource/attribute-access.js';
import type { AttributeLocation } from './patch-context.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute, type ResourceSchema } from '../schema/schema-registry.js';

/** An operation's target resolved against the resource type's schemas. */
export interface AttributeTarget {
  readonly kind: 'attribute';
  /** Where the attribute lives, shared by every operation on it. */
  readonly location: AttributeLocation;
  readonly attribute: AttributeDefinition;
  /** Canonical URN of the extension holding the attribute; `undefined` for core attributes. */
  readonly extension: string | undefined;
  readonly subAttribute: AttributeDefinition | undefined;
  readonly filter: Filter | undefined;
  /** The compiled value filter: true for the values of the attribute it selects. */
  readonly matches: ((value: JsonObject) => boolean) | undefined;
  /** The path as written, for error details. */
  readonly text: string;
}

/** A path naming a whole extension, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. */
export interface ExtensionTarget {
  readonly kind: 'extension';
  readonly extension: string;
  readonly text: string;
}

export type PatchTarget = AttributeTarget | ExtensionTarget;

/**
 * Resolves a parsed PATCH path (RFC 7644 §3.5.2) to attribute definitions, case-insensitively
 * (RFC 7643 §2.1), and compiles its value filter once.
 *
 * @throws ScimError 400 `invalidPath` for an attribute, sub-attribute or schema the resource
 *   type does not have, a value filter on an attribute that is not multi-valued and complex,
 *   or a filter naming something that is not a sub-attribute.
 */
export function resolvePatchTarget(path: PatchPath, schema: ResourceSchema, text: string): PatchTarget {
  let cache = targetCache.get(schema);
  if (cache === undefined) {
    cache = new WeakMap();
    targetCache.set(schema, cache);
  }
  let target = cache.get(path);
  if (target === undefined || target.text !== text) {
    target = resolveUncached(path, schema, text);
    cache.set(path, target);
  }
  return target;
}

/**
 * Resolved targets by schema and path object: `parsePatchRequest` hands out one path object per
 * distinct path text, so the paths a client sends to every user resolve and compile once.
 */
const targetCache = new WeakMap<ResourceSchema, WeakMap<PatchPath, PatchTarget>>();

function resolveUncached(path: PatchPath, schema: ResourceSchema, text: string): PatchTarget {
  const extensionUrn = wholeExtension(path, schema);
  if (extensionUrn !== undefined) return { kind: 'extension', extension: extensionUrn, text };
  const resolved = resolveAttributePath(path, schema);
  const attribute = resolved.attribute.definition;
  const extension = resolved.attribute.inExtension ? resolved.attribute.schemaUrn : undefined;
  const subAttribute = resolved.subAttribute;
  const filter = path.valueFilter;
  let matches: AttributeTarget['matches'];
  if (filter !== undefined) {
    if (attribute.type !== 'complex' || !attribute.multiValued) {
      throw invalidPath(
        `"${text}": a value filter selects values of a multi-valued complex attribute, and "${attribute.name}" is not one (RFC 7644 §3.5.2)`,
      );
    }
    assertSubAttributePaths(filter, attribute, text);
    matches = compileValueMatcher(filter, attribute, extension, schema, text);
  }
  const label = extension === undefined ? attribute.name : `${extension}:${attribute.name}`;
  const location = { extension, name: attribute.name, label };
  return { kind: 'attribute', location, attribute, extension, subAttribute, filter, matches, text };
}

/**
 * A path that is exactly an extension's URN (the parser reads its last segment as an
 * attribute name), unless that name is an attribute of the shorter URN.
 */
function wholeExtension(path: PatchPath, schema: ResourceSchema): string | undefined {
  if (path.subAttribute !== undefined || path.valueFilter !== undefined) return undefined;
  const urn = path.schema === undefined ? path.attribute : `${path.schema}:${path.attribute}`;
  const extension = schema.findExtension(urn);
  if (extension === undefined) return undefined;
  if (path.schema !== undefined && schema.findAttribute(path.attribute, path.schema) !== undefined)
    return undefined;
  return extension.id;
}

function assertSubAttributePaths(filter: Filter, attribute: AttributeDefinition, text: string): void {
  switch (filter.kind) {
    case 'logical':
      assertSubAttributePaths(filter.left, attribute, text);
      assertSubAttributePaths(filter.right, attribute, text);
      return;
    case 'not':
      assertSubAttributePaths(filter.filter, attribute, text);
      return;
    case 'valuePath':
      throw invalidPath(`"${text}": a value filter cannot contain another value filter`);
    case 'comparison':
    case 'present': {
      const { path } = filter;
      if (
        path.schema !== undefined ||
        path.subAttribute !== undefined ||
        findSubAttribute(attribute, path.attribute) === undefined
      ) {
        throw invalidPath(
          `"${text}": the filter names "${path.attribute}", which is not a sub-attribute of "${attribute.name}"`,
        );
      }
    }
  }
}

/**
 * Compiles the filter as `attribute[filter]` against the resource schema, so sub-attribute
 * types and `caseExact` come from the definitions, then tests one value by presenting it
 * alone in a reused holder object (no allocation per value).
 */
function compileValueMatcher(
  filter: Filter,
  attribute: AttributeDefinition,
  extension: string | undefined,
  schema: ResourceSchema,
  text: string,
): (value: JsonObject) => boolean {
  const node: ValuePathFilter = {
    kind: 'valuePath',
    path:
      extension === undefined
        ? { attribute: attribute.name }
        : { schema: extension, attribute: attribute.name },
    filter,
  };
  let predicate: (resource: JsonObject) => boolean;
  try {
    predicate = compileFilter(node, schema);
  } catch (error) {
    if (error instanceof ScimError) throw invalidPath(`"${text}": ${error.detail}`);
    throw error;
  }
  const slot: JsonObject = {};
  const holder: JsonObject = extension === undefined ? slot : { [extension]: slot };
  return (value) => {
    slot[attribute.name] = value;
    const matched = predicate(holder);
    // The matcher is cached across requests; do not keep a resource's value alive.
    slot[attribute.name] = undefined;
    return matched;
  };
}
