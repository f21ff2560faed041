import { mutability } from '../errors/scim-error.js';
import { findKey, getMember, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { normalizeAttributeValue, normalizeValues } from './coerce.js';
import { selectValues } from './filtered.js';
import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';
import { sameValue, ValueSet } from './value-identity.js';
import { pruneEmpty, writeSubAttribute } from './write-value.js';

function removeSubAttribute(item: JsonObject, subAttribute: AttributeDefinition, where: string): void {
  if (subAttribute.required && getMember(item, subAttribute.name) !== undefined) {
    throw mutability(
      `"${where}": "${subAttribute.name}" is required and cannot be removed (RFC 7644 §3.5.2.2)`,
    );
  }
  writeSubAttribute(item, subAttribute, undefined, true, where);
}

/**
 * Removes the values equal to `value` (Entra ID and Azure send `{"op":"remove","path":"members",
 * "value":[{"value":"id"}]}`): values match by identity (see `sameValue`), so `$ref: null` or a
 * missing `display` in the request does not matter.
 */
function removeGivenValues(
  ctx: PatchContext,
  target: AttributeTarget,
  container: JsonObject,
  key: string,
  value: unknown,
): void {
  const { attribute } = target;
  const current = container[key];
  if (!attribute.multiValued) {
    const given = normalizeAttributeValue(attribute, value, target.text);
    if (given !== undefined && sameValue(attribute, current, given)) delete container[key];
    return;
  }
  if (!Array.isArray(current)) return;
  const given = new ValueSet(attribute, normalizeValues(attribute, value, target.text));
  const kept = current.filter((item) => !given.has(item));
  if (kept.length !== current.length) container[key] = ctx.adopt(kept);
}

/**
 * RFC 7644 §3.5.2.2 `remove`: the whole attribute, the values a filter selects, a
 * sub-attribute (of the selected values, or of every value), or the given values. Removing
 * what is not there changes nothing; an attribute left without values is unassigned.
 *
 * @throws ScimError 400 `mutability` when a required or immutable sub-attribute would go
 */
export function applyRemove(ctx: PatchContext, target: AttributeTarget, value: unknown): void {
  const { attribute, subAttribute } = target;
  const container = ctx.container(target.extension, false);
  if (container === undefined) return;
  const key = findKey(container, attribute.name);
  if (key === undefined) return;
  ctx.touch(target.location);
  const current = container[key];
  if (target.matches !== undefined) {
    if (!Array.isArray(current)) return;
    const selected = selectValues(target, current);
    if (selected.length === 0) return;
    if (subAttribute !== undefined) {
      const array = ctx.ownArray(container, key)!;
      for (const index of selected)
        removeSubAttribute(ctx.ownElement(array, index)!, subAttribute, target.text);
    } else {
      const drop = new Set(selected);
      container[key] = ctx.adopt(current.filter((_, index) => !drop.has(index)));
    }
  } else if (subAttribute !== undefined) {
    if (Array.isArray(current)) {
      const array = ctx.ownArray(container, key)!;
      for (let index = 0; index < array.length; index++) {
        const item = ctx.ownElement(array, index);
        if (item !== undefined) removeSubAttribute(item, subAttribute, target.text);
      }
    } else if (isJsonObject(current)) {
      removeSubAttribute(ctx.ownObject(container, key)!, subAttribute, target.text);
    }
  } else if (value !== undefined) {
    removeGivenValues(ctx, target, container, key, value);
  } else {
    delete container[key];
  }
  if (Object.hasOwn(container, key)) pruneEmpty(ctx, container, key);
}
