import type { FunctionTable } from './function-call.js';
import { isEmptyValue, isList, isObject, toList, toText, type ExpressionValue } from '../value-conversion.js';

/** Identity of a value for RemoveDuplicates: primitives by value, complex values by content. */
function valueKey(value: ExpressionValue): string {
  if (isList(value) || isObject(value)) return `json:${JSON.stringify(value)}`;
  return `${typeof value}:${String(value)}`;
}

export const COLLECTION_FUNCTIONS: FunctionTable<
  'Coalesce' | 'Count' | 'Item' | 'Join' | 'RemoveDuplicates' | 'Split'
> = {
  Coalesce: (call) => {
    let last: ExpressionValue = null;
    for (let i = 0; i < call.count; i++) {
      last = call.value(i);
      if (!isEmptyValue(last)) return last;
    }
    // All empty: an explicit "" default still flows as "".
    return last;
  },
  Count: (call) => toList(call.value(0)).length,
  Item: (call) => {
    const source = call.value(0);
    const index = call.integer(1, 'index');
    if (source === null) return null;
    const values = toList(source);
    if (index < 1 || index > values.length) {
      throw call.fail(
        `index ${index} is out of range: the value has ${values.length} item(s), counted from 1`,
      );
    }
    return values[index - 1]!;
  },
  Join: (call) => {
    const separator = call.text(0) ?? '';
    const parts: string[] = [];
    for (let i = 1; i < call.count; i++) {
      // Multi-valued sources join element by element; empty parts are skipped, as the
      // reference's `Join(", ", "", [surname], [givenName])` → "Doe, John" shows.
      for (const element of toList(call.value(i))) {
        const text = toText(element, call.name);
        if (text !== null && text !== '') parts.push(text);
      }
    }
    return parts.join(separator);
  },
  RemoveDuplicates: (call) => {
    const source = call.value(0);
    if (!isList(source)) return source;
    const seen = new Set<string>();
    return source.filter((value) => {
      const key = valueKey(value);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  Split: (call) => {
    const source = call.text(0);
    const delimiter = call.text(1) ?? '';
    if (source === null) return null;
    if (delimiter === '') return [source];
    // The reference splits "PermissionSetOne, PermissionSetTwo" on "," into values without the
    // space, so each value is trimmed.
    return source.split(delimiter).map((part) => part.trim());
  },
};
