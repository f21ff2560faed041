import { mutability } from '../errors/scim-error.js';
import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';
import { normalizeAttributeValue } from './coerce.js';
import { jsonEqual } from './json-equal.js';
import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';

/**
 * Writes (or, with `next === undefined`, removes) one sub-attribute of an owned complex value.
 * On a value that already existed, an `immutable` sub-attribute that has a value may not
 * change (RFC 7644 §3.5.2; RFC 7643 §2.2).
 *
 * @throws ScimError 400 `mutability`
 */
export function writeSubAttribute(
  value: JsonObject,
  subAttribute: AttributeDefinition,
  next: unknown,
  existing: boolean,
  where: string,
): void {
  const key = findKey(value, subAttribute.name);
  const previous = key === undefined ? undefined : value[key];
  if (
    existing &&
    subAttribute.mutability === 'immutable' &&
    previous !== undefined &&
    previous !== null &&
    !jsonEqual(previous, next)
  ) {
    throw mutability(
      `"${where}": "${subAttribute.name}" is immutable and already has a value (RFC 7644 §3.5.2)`,
    );
  }
  if (next === undefined) {
    if (key !== undefined) delete value[key];
    return;
  }
  value[key ?? subAttribute.name] = next;
}

/** Merges normalised sub-attributes into an owned complex value (RFC 7644 §3.5.2.1, §3.5.2.3). */
export function mergeComplex(
  value: JsonObject,
  definition: AttributeDefinition,
  source: JsonObject,
  existing: boolean,
  where: string,
): void {
  for (const [name, next] of Object.entries(source)) {
    const subAttribute = findSubAttribute(definition, name);
    if (subAttribute !== undefined) writeSubAttribute(value, subAttribute, next, existing, where);
  }
}

/** Deletes `container[key]` when it holds nothing: null, `{}`, `[]`, or only empty values (RFC 7643 §2.5). */
export function pruneEmpty(ctx: PatchContext, container: JsonObject, key: string): void {
  const value = container[key];
  if (value === null || (isJsonObject(value) && isEmptyObject(value))) {
    delete container[key];
    return;
  }
  if (!Array.isArray(value)) return;
  let kept = value;
  if (value.some((item) => item === null || (isJsonObject(item) && isEmptyObject(item)))) {
    kept = ctx.adopt(value.filter((item) => item !== null && !(isJsonObject(item) && isEmptyObject(item))));
    container[key] = kept;
  }
  if (kept.length === 0) delete container[key];
}

function isEmptyObject(value: JsonObject): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

/** Removes the target attribute entirely (it becomes unassigned). */
export function unassign(ctx: PatchContext, target: AttributeTarget): void {
  const container = ctx.container(target.extension, false);
  if (container === undefined) return;
  const key = findKey(container, target.attribute.name);
  if (key === undefined) return;
  ctx.touch(target.location);
  delete container[key];
}

/**
 * `add` or `replace` of a single-valued attribute: a simple value is set; a complex value is
 * merged sub-attribute by sub-attribute, leaving the others unchanged (RFC 7644 §3.5.2.1,
 * §3.5.2.3). A null value unassigns on `replace` and adds nothing on `add`.
 */
export function writeSingleValued(
  ctx: PatchContext,
  target: AttributeTarget,
  value: unknown,
  op: 'add' | 'replace',
): void {
  const { attribute } = target;
  const next = normalizeAttributeValue(attribute, value, target.text);
  if (next === undefined) {
    if (op === 'replace') unassign(ctx, target);
    return;
  }
  const container = ctx.container(target.extension, true)!;
  ctx.touch(target.location);
  const key = findKey(container, attribute.name);
  if (attribute.type === 'complex' && isJsonObject(next)) {
    const current = key === undefined ? undefined : ctx.ownObject(container, key);
    if (current !== undefined) {
      mergeComplex(current, attribute, next, true, target.text);
      return;
    }
    container[key ?? attribute.name] = ctx.adopt(next);
    return;
  }
  container[key ?? attribute.name] = next;
}
