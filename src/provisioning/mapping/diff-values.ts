import type { FlatValues, JsonValue } from './mapping-types.js';

export interface ValueChange {
  readonly op: 'replace' | 'remove';
  readonly path: string;
  /** Present for `replace`. */
  readonly value?: JsonValue;
}

export interface DiffValuesOptions {
  /** Also remove paths the target has but `desired` lacks. Default false: leave them alone. */
  readonly removeMissing?: boolean;
}

/**
 * The operations that turn what the target has (`previous`) into `desired`: `replace` for each
 * new or changed path (in `desired`'s order), then `remove` for each path only `previous` has,
 * when `removeMissing`. Values are compared deeply (object member order aside, array order
 * counting); strings case-sensitively, so a change of case is written.
 *
 * @example
 * diffValues({ title: 'Dev' }, { title: 'Lead', displayName: 'Ann' });
 * // [{ op: 'replace', path: 'title', value: 'Lead' }, { op: 'replace', path: 'displayName', value: 'Ann' }]
 */
export function diffValues(
  previous: FlatValues | undefined,
  desired: FlatValues,
  options: DiffValuesOptions = {},
): ValueChange[] {
  const changes: ValueChange[] = [];
  for (const [path, value] of Object.entries(desired)) {
    if (previous === undefined || !Object.hasOwn(previous, path) || !jsonEqual(previous[path]!, value)) {
      changes.push({ op: 'replace', path, value });
    }
  }
  if (options.removeMissing === true && previous !== undefined) {
    for (const path of Object.keys(previous)) {
      if (!Object.hasOwn(desired, path)) changes.push({ op: 'remove', path });
    }
  }
  return changes;
}

/** Deep equality of JSON values: member order does not matter, array order does. */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const left = a as readonly JsonValue[];
    const right = b as readonly JsonValue[];
    return left.every((item, index) => jsonEqual(item, right[index]!));
  }
  const left = a as { readonly [key: string]: JsonValue };
  const right = b as { readonly [key: string]: JsonValue };
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key]!, right[key]!));
}
