import { invalidValue } from '../errors/scim-error.js';
import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';
import type { PatchContext } from './patch-context.js';

/**
 * RFC 7643 §2.4 / RFC 7644 §3.5.2: `primary: true` appears at most once, and an operation
 * that sets a value primary makes the server set `primary` to false on the others. `written`
 * are the values the operation wrote; two of them both primary is the client's contradiction.
 *
 * @throws ScimError 400 `invalidValue` when the operation itself sets two values primary
 */
export function enforceSinglePrimary(
  ctx: PatchContext,
  attribute: AttributeDefinition,
  array: unknown[],
  written: readonly JsonObject[],
  where: string,
): void {
  const primary = findSubAttribute(attribute, 'primary');
  if (primary?.type !== 'boolean' || written.length === 0) return;
  const inArray = new Set<unknown>(array);
  let chosen: JsonObject | undefined;
  for (const value of written) {
    if (!inArray.has(value) || !isPrimary(value, primary.name)) continue;
    if (chosen !== undefined && chosen !== value) {
      throw invalidValue(
        `${where}: at most one value of "${attribute.name}" may have "primary": true (RFC 7643 §2.4)`,
      );
    }
    chosen = value;
  }
  if (chosen === undefined) return;
  for (let index = 0; index < array.length; index++) {
    const value = array[index];
    if (value === chosen || !isJsonObject(value) || !isPrimary(value, primary.name)) continue;
    const owned = ctx.ownElement(array, index);
    if (owned === undefined) continue;
    owned[findKey(owned, primary.name) ?? primary.name] = false;
  }
}

function isPrimary(value: JsonObject, name: string): boolean {
  const key = findKey(value, name);
  return key !== undefined && value[key] === true;
}
