import { noTarget } from '../errors/scim-error.js';
import type { Filter } from '../filter/filter-ast.js';
import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';
import { normalizeAttributeValue, normalizeComplexValue } from './coerce.js';
import type { PatchContext } from './patch-context.js';
import type { AttributeTarget } from './patch-target.js';
import { enforceSinglePrimary } from './primary.js';
import { mergeComplex, pruneEmpty, writeSubAttribute } from './write-value.js';

/** Indexes of the values a target's filter selects. */
export function selectValues(target: AttributeTarget, array: readonly unknown[]): number[] {
  const selected: number[] = [];
  const matches = target.matches!;
  for (let index = 0; index < array.length; index++) {
    const item = array[index];
    if (isJsonObject(item) && matches(item)) selected.push(index);
  }
  return selected;
}

/**
 * The sub-attributes a filter pins down when it is a conjunction of `eq` comparisons, e.g.
 * `type eq "work"` gives `{ type: "work" }`; `undefined` when it pins down nothing certain.
 */
export function templateFromFilter(filter: Filter, attribute: AttributeDefinition): JsonObject | undefined {
  if (filter.kind === 'comparison') {
    const subAttribute = findSubAttribute(attribute, filter.path.attribute);
    if (filter.operator !== 'eq' || filter.value === null || subAttribute === undefined) return undefined;
    return { [subAttribute.name]: filter.value };
  }
  if (filter.kind !== 'logical' || filter.operator !== 'and') return undefined;
  const left = templateFromFilter(filter.left, attribute);
  const right = templateFromFilter(filter.right, attribute);
  if (left === undefined || right === undefined) return undefined;
  for (const [name, value] of Object.entries(right)) {
    if (Object.hasOwn(left, name) && left[name] !== value) return undefined;
  }
  return { ...left, ...right };
}

/**
 * The value to create when a filtered `add`/`replace` selects nothing.
 *
 * Deviation from RFC 7644 §3.5.2.3, which answers `noTarget` when a filter matches no value:
 * Entra ID updates a user's work email with `replace`/`add` of `emails[type eq "work"].value`
 * whether or not a work email exists yet, and expects the value to be created. So when the
 * path names a sub-attribute and the filter is a conjunction of `eq` tests, we create the value
 * those tests describe plus the sub-attribute. A whole-value `replace` (no sub-attribute) keeps
 * the RFC behaviour, as does any filter that does not describe a value (`ew`, `or`, ...).
 *
 * @throws ScimError 400 `noTarget`
 */
function createSelected(
  ctx: PatchContext,
  target: AttributeTarget,
  value: unknown,
  op: 'add' | 'replace',
): JsonObject | undefined {
  const { attribute, subAttribute } = target;
  const creatable = ctx.options.createMissingFilteredValues && (subAttribute !== undefined || op === 'add');
  const template = creatable ? templateFromFilter(target.filter!, attribute) : undefined;
  if (template === undefined) {
    throw noTarget(
      `"${target.text}": no value of "${attribute.name}" matches the filter (RFC 7644 §3.5.2.3)`,
    );
  }
  if (value === null || value === undefined) return undefined;
  const pinned = normalizeComplexValue(attribute, template, target.text) ?? {};
  if (subAttribute !== undefined) {
    const next = normalizeAttributeValue(subAttribute, value, target.text);
    return next === undefined ? undefined : { ...pinned, [subAttribute.name]: next };
  }
  const given = normalizeComplexValue(attribute, value, target.text);
  return given === undefined ? undefined : { ...given, ...pinned };
}

/**
 * `add`/`replace` with a value filter: `attr[filter]` replaces (or, for `add`, merges into) each
 * selected value; `attr[filter].sub` sets that sub-attribute of each (RFC 7644 §3.5.2.3).
 */
export function writeFiltered(
  ctx: PatchContext,
  target: AttributeTarget,
  value: unknown,
  op: 'add' | 'replace',
): void {
  const { attribute, subAttribute } = target;
  const container = ctx.container(target.extension, true)!;
  const key = findKey(container, attribute.name) ?? attribute.name;
  const current = container[key];
  const selected = Array.isArray(current) ? selectValues(target, current) : [];
  ctx.touch(target.location);
  if (selected.length === 0) {
    const created = createSelected(ctx, target, value, op);
    if (created === undefined) return;
    const array = Array.isArray(current) ? ctx.ownArray(container, key)! : ctx.adopt<unknown[]>([]);
    container[key] = array;
    array.push(ctx.adopt(created));
    ctx.written.push(created);
    enforceSinglePrimary(ctx, attribute, array, ctx.written, target.text);
    return;
  }
  const array = ctx.ownArray(container, key)!;
  if (subAttribute !== undefined) {
    const next = normalizeAttributeValue(subAttribute, value, target.text);
    for (const index of selected) {
      const item = ctx.ownElement(array, index)!;
      writeSubAttribute(item, subAttribute, next, true, target.text);
      ctx.written.push(item);
    }
  } else {
    const next = normalizeComplexValue(attribute, value, target.text);
    for (const index of selected) {
      if (op === 'add') {
        const item = ctx.ownElement(array, index)!;
        if (next !== undefined) mergeComplex(item, attribute, next, true, target.text);
        ctx.written.push(item);
      } else {
        const replacement = next === undefined ? null : ctx.adopt({ ...next });
        array[index] = replacement;
        if (replacement !== null) ctx.written.push(replacement);
      }
    }
  }
  pruneEmpty(ctx, container, key);
  const stored = container[key];
  if (Array.isArray(stored)) enforceSinglePrimary(ctx, attribute, stored, ctx.written, target.text);
}
