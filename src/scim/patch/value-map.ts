import { invalidPath, invalidValue, ScimError } from '../errors/scim-error.js';
import type { PatchPath } from '../path/index.js';
import { isJsonObject } from '../resource/attribute-access.js';
import type { ResourceSchema } from '../schema/schema-registry.js';
import { parsePatchPathCached } from './path-cache.js';
import { resolvePatchTarget, type PatchTarget } from './patch-target.js';

function keyPath(key: string, extension: string | undefined): { path: PatchPath; text: string } {
  const text = extension === undefined ? key : `${extension}:${key}`;
  try {
    return { path: parsePatchPathCached(text), text };
  } catch (error) {
    if (error instanceof ScimError) throw invalidPath(`value member "${key}": ${error.detail}`);
    throw error;
  }
}

function checkSchemas(value: unknown, schema: ResourceSchema): void {
  const valid =
    Array.isArray(value) && value.every((urn) => typeof urn === 'string' && schema.hasSchema(urn));
  if (!valid) {
    throw invalidValue(`"schemas" may only list schemas of ${schema.resourceType.name} resources`);
  }
}

/**
 * Turns the `value` of a path-less operation (or of a path naming a whole extension) into
 * (target, value) pairs, one per member (RFC 7644 §3.5.2.1, §3.5.2.3). Besides plain names and
 * extension objects keyed by URN, members may be paths, as Entra ID sends them:
 * `"name.givenName"`, `"urn:...:enterprise:2.0:User:department"`,
 * `"emails[type eq \"work\"].value"`. `schemas` is derived from the extension attributes
 * present, so a listed `schemas` is only checked, not applied.
 *
 * @throws ScimError 400 `invalidValue` when `value` is not an object; `invalidPath` for a member
 *   that names no attribute.
 */
export function expandValueMap(
  value: unknown,
  schema: ResourceSchema,
  extension?: string,
): [target: PatchTarget, value: unknown][] {
  if (!isJsonObject(value)) {
    throw invalidValue('without a "path", "value" must be an object of attributes (RFC 7644 §3.5.2.1)');
  }
  const pairs: [PatchTarget, unknown][] = [];
  for (const [key, item] of Object.entries(value)) {
    if (extension === undefined) {
      if (key.toLowerCase() === 'schemas') {
        checkSchemas(item, schema);
        continue;
      }
      const extensionSchema = schema.findExtension(key);
      if (extensionSchema !== undefined) {
        pairs.push([{ kind: 'extension', extension: extensionSchema.id, text: key }, item]);
        continue;
      }
    }
    const { path, text } = keyPath(key, extension);
    pairs.push([resolvePatchTarget(path, schema, text), item]);
  }
  return pairs;
}
