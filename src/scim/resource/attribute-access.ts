import type { AttributePath } from '../path/attribute-path.js';
import type { ResourceSchema } from '../schema/schema-registry.js';

/** A JSON object as a SCIM resource or complex value is represented. */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The key in `object` that names `name`, compared case-insensitively (RFC 7643 §2.1).
 * An exact match is tried first: stored resources use canonical names, so this is the hot path.
 */
export function findKey(object: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return key;
  }
  return undefined;
}

/** The value of a member named case-insensitively, or `undefined`. */
export function getMember(object: JsonObject, name: string): unknown {
  const key = findKey(object, name);
  return key === undefined ? undefined : object[key];
}

/**
 * The object that holds `path.attribute`: the resource itself, or the extension object under
 * the path's schema URN (RFC 7643 §3.3). A URN naming the resource's core schema means the root.
 * `undefined` when the extension object is absent.
 */
export function getAttributeContainer(
  resource: JsonObject,
  path: AttributePath,
  schema?: ResourceSchema,
): JsonObject | undefined {
  if (path.schema === undefined) return resource;
  if (schema !== undefined) {
    if (path.schema.toLowerCase() === schema.core.id.toLowerCase()) return resource;
  }
  const key = findKey(resource, path.schema);
  if (key === undefined) return schema === undefined ? resource : undefined;
  const container = resource[key];
  return isJsonObject(container) ? container : undefined;
}

/**
 * Reads the value a path refers to. For a sub-attribute of a multi-valued complex attribute
 * the result is the array of that sub-attribute's values (missing ones left out).
 */
export function readAttribute(resource: JsonObject, path: AttributePath, schema?: ResourceSchema): unknown {
  const container = getAttributeContainer(resource, path, schema);
  if (container === undefined) return undefined;
  const value = getMember(container, path.attribute);
  if (path.subAttribute === undefined || value === undefined || value === null) return value;
  const subAttribute = path.subAttribute;
  if (Array.isArray(value)) {
    const values: unknown[] = [];
    for (const item of value) {
      if (!isJsonObject(item)) continue;
      const sub = getMember(item, subAttribute);
      if (sub !== undefined && sub !== null) values.push(sub);
    }
    return values;
  }
  return isJsonObject(value) ? getMember(value, subAttribute) : undefined;
}
