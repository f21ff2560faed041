import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { normalizeAttributeValue, normalizeValues } from './coerce.js';
import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';
import { enforceSinglePrimary } from './primary.js';
import { ValueSet } from './value-identity.js';
import { pruneEmpty, writeSubAttribute } from './write-value.js';

/** The owned array of a multi-valued attribute, created empty (not yet stored) when absent. */
function ownValues(
  ctx: PatchContext,
  container: JsonObject,
  attribute: AttributeDefinition,
): { array: unknown[]; key: string } {
  const key = findKey(container, attribute.name);
  const array = key === undefined ? undefined : ctx.ownArray(container, key);
  if (array !== undefined && key !== undefined) return { array, key };
  const created = ctx.adopt<unknown[]>([]);
  const newKey = key ?? attribute.name;
  container[newKey] = created;
  return { array: created, key: newKey };
}

/**
 * `add` to a multi-valued attribute: each new value is appended unless the attribute already
 * has it (RFC 7644 §3.5.2.1 "no changes SHOULD be made"; identity per {@link ValueSet}).
 */
export function addValues(ctx: PatchContext, target: AttributeTarget, value: unknown): void {
  const { attribute } = target;
  const values = normalizeValues(attribute, value, target.text);
  if (values.length === 0) return;
  const container = ctx.container(target.extension, true)!;
  const key = findKey(container, attribute.name);
  const current = key === undefined ? undefined : container[key];
  const present = new ValueSet(attribute, Array.isArray(current) ? current : []);
  const added = values.filter((item) => {
    if (present.has(item)) return false;
    present.add(item);
    return true;
  });
  if (added.length === 0) return;
  ctx.touch(target.location);
  const { array } = ownValues(ctx, container, attribute);
  for (const item of added) {
    if (isJsonObject(item)) ctx.written.push(ctx.adopt(item));
    array.push(item);
  }
  enforceSinglePrimary(ctx, attribute, array, ctx.written, target.text);
}

/** `replace` of a whole multi-valued attribute: its values become exactly these (RFC 7644 §3.5.2.3). */
export function replaceValues(ctx: PatchContext, target: AttributeTarget, value: unknown): void {
  const { attribute } = target;
  const seen = new ValueSet(attribute);
  const values = normalizeValues(attribute, value, target.text).filter((item) => {
    if (seen.has(item)) return false;
    seen.add(item);
    return true;
  });
  const container = ctx.container(target.extension, values.length > 0);
  if (container === undefined) return;
  ctx.touch(target.location);
  const key = findKey(container, attribute.name);
  if (values.length === 0) {
    if (key !== undefined) delete container[key];
    return;
  }
  for (const item of values) if (isJsonObject(item)) ctx.written.push(ctx.adopt(item));
  const array = ctx.adopt(values);
  container[key ?? attribute.name] = array;
  enforceSinglePrimary(ctx, attribute, array, ctx.written, target.text);
}

/**
 * `attr.sub` without a filter. On a single-valued complex attribute this sets one
 * sub-attribute. On a multi-valued one RFC 7644 does not say which values are meant; we
 * set it on every value, or create one value holding it when there are none.
 */
export function writeSubAttributeOfAll(
  ctx: PatchContext,
  target: AttributeTarget,
  subAttribute: AttributeDefinition,
  value: unknown,
): void {
  const { attribute } = target;
  const next = normalizeAttributeValue(subAttribute, value, target.text);
  const container = ctx.container(target.extension, next !== undefined);
  if (container === undefined) return;
  const key = findKey(container, attribute.name);
  if (next === undefined && key === undefined) return;
  ctx.touch(target.location);
  if (!attribute.multiValued) {
    const current = key === undefined ? undefined : ctx.ownObject(container, key);
    if (current === undefined) {
      if (next !== undefined) container[key ?? attribute.name] = ctx.adopt({ [subAttribute.name]: next });
      return;
    }
    writeSubAttribute(current, subAttribute, next, true, target.text);
    pruneEmpty(ctx, container, key!);
    return;
  }
  const { array, key: arrayKey } = ownValues(ctx, container, attribute);
  if (array.length === 0) {
    if (next !== undefined) {
      const created = ctx.adopt({ [subAttribute.name]: next });
      array.push(created);
      ctx.written.push(created);
    }
  } else {
    for (let index = 0; index < array.length; index++) {
      const item = ctx.ownElement(array, index);
      if (item === undefined) continue;
      writeSubAttribute(item, subAttribute, next, true, target.text);
      ctx.written.push(item);
    }
  }
  pruneEmpty(ctx, container, arrayKey);
  const stored = container[arrayKey];
  if (Array.isArray(stored)) enforceSinglePrimary(ctx, attribute, stored, ctx.written, target.text);
}
