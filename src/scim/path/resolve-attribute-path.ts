import { invalidPath } from '../errors/scim-error.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import type { ResolvedAttribute, ResourceSchema } from '../schema/schema-registry.js';
import type { AttributePath } from './attribute-path.js';
import { printAttributePath } from './print-path.js';

/** What an attribute path names in a resource type's schemas. */
export interface ResolvedAttributePath {
  /** The top-level attribute and the schema that declares it. */
  readonly attribute: ResolvedAttribute;
  /** The sub-attribute's definition, when the path has one. */
  readonly subAttribute?: AttributeDefinition;
  /** The innermost definition: the sub-attribute's if any, else the attribute's. */
  readonly definition: AttributeDefinition;
}

/**
 * Resolves a path against a resource type's schemas, names compared case-insensitively
 * (RFC 7643 §2.1). A core-schema URN prefix also reaches the common attributes.
 *
 * @throws ScimError 400 `invalidPath` naming the unknown schema, attribute or sub-attribute
 *   (RFC 7644 §3.5.2).
 * @example
 * resolveAttributePath(parseAttributePath('name.givenName'), registry.resourceSchema('User')).definition.type; // 'string'
 */
export function resolveAttributePath(path: AttributePath, schema: ResourceSchema): ResolvedAttributePath {
  if (path.schema !== undefined && !schema.hasSchema(path.schema)) {
    throw invalidPath(`unknown schema "${path.schema}" in path "${printAttributePath(path)}"`);
  }
  const attribute = schema.findAttribute(path.attribute, path.schema);
  if (attribute === undefined) {
    throw invalidPath(`unknown attribute "${path.attribute}" in path "${printAttributePath(path)}"`);
  }
  if (path.subAttribute === undefined) return { attribute, definition: attribute.definition };
  if (attribute.definition.type !== 'complex') {
    throw invalidPath(
      `attribute "${attribute.definition.name}" has no sub-attributes, so "${printAttributePath(path)}" names nothing`,
    );
  }
  const subAttribute = schema.findSubAttribute(attribute.definition, path.subAttribute);
  if (subAttribute === undefined) {
    throw invalidPath(
      `unknown sub-attribute "${path.subAttribute}" of "${attribute.definition.name}" in path "${printAttributePath(path)}"`,
    );
  }
  return { attribute, subAttribute, definition: subAttribute };
}
