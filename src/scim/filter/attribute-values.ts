import type { AttributePath } from '../path/attribute-path.js';
import { getMember, isJsonObject, type JsonObject } from '../resource/attribute-access.js';

/** A test of one scalar value (string, number or boolean) of an attribute. */
export type ValueTest = (value: unknown) => boolean;
/** Finds the object holding a path's attribute (root, or an extension object). */
export interface ContainerLookup {
  container(object: JsonObject, path: AttributePath): JsonObject | undefined;
}
/** True when some scalar value the path refers to in `object` passes `test`. */
export type ValueVisitor = (object: JsonObject, test: ValueTest) => boolean;

/**
 * Compiles the walk over a path's values, without allocating: a multi-valued attribute matches
 * when any value does, and a complex value without a sub-attribute stands for its `value`
 * sub-attribute (RFC 7644 §3.4.2.2).
 */
export function compileValueVisitor(path: AttributePath, lookup: ContainerLookup): ValueVisitor {
  const name = path.attribute;
  const subAttribute = path.subAttribute;
  if (subAttribute === undefined) {
    if (path.schema === undefined) return (object, test) => someScalar(getMember(object, name), test, true);
    return (object, test) => {
      const holder = lookup.container(object, path);
      return holder !== undefined && someScalar(getMember(holder, name), test, true);
    };
  }
  return (object, test) => {
    const holder = path.schema === undefined ? object : lookup.container(object, path);
    if (holder === undefined) return false;
    const value = getMember(holder, name);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isJsonObject(item) && someScalar(getMember(item, subAttribute), test, false)) return true;
      }
      return false;
    }
    return isJsonObject(value) && someScalar(getMember(value, subAttribute), test, false);
  };
}

/** Compiles `attrPath pr`: some value the path refers to is present (see {@link isPresentValue}). */
export function compilePresence(
  path: AttributePath,
  lookup: ContainerLookup,
): (object: JsonObject) => boolean {
  const name = path.attribute;
  const subAttribute = path.subAttribute;
  return (object) => {
    const holder = path.schema === undefined ? object : lookup.container(object, path);
    if (holder === undefined) return false;
    const value = getMember(holder, name);
    if (subAttribute === undefined) return isPresentValue(value);
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isJsonObject(item) && isPresentValue(getMember(item, subAttribute))) return true;
      }
      return false;
    }
    return isJsonObject(value) && isPresentValue(getMember(value, subAttribute));
  };
}

/**
 * RFC 7644 §3.4.2.2 `pr`: the value is not null, not empty, and not an array of only empty values.
 * Empty means undefined, null, `""`, `[]` or `{}`.
 */
export function isPresentValue(value: unknown): boolean {
  if (!Array.isArray(value)) return !isEmptyValue(value);
  for (const item of value) if (!isEmptyValue(item)) return true;
  return false;
}

function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key)) return false;
  return true;
}

function someScalar(value: unknown, test: ValueTest, useValueMember: boolean): boolean {
  if (value === undefined || value === null) return false;
  if (!Array.isArray(value)) return scalarMatches(value, test, useValueMember);
  for (const item of value) if (scalarMatches(item, test, useValueMember)) return true;
  return false;
}

function scalarMatches(value: unknown, test: ValueTest, useValueMember: boolean): boolean {
  if (typeof value !== 'object') return test(value);
  if (value === null || !useValueMember || Array.isArray(value)) return false;
  const member = getMember(value as JsonObject, 'value');
  return member !== undefined && member !== null && typeof member !== 'object' && test(member);
}
