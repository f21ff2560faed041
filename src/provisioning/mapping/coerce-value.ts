import { findSubAttribute, parseDateTime, type AttributeDefinition } from '../../scim/index.js';
import type { ExpressionValue } from '../expressions/index.js';
import type { JsonValue } from './mapping-types.js';

/**
 * Converts a mapped value to the type of the target attribute, as Entra does before it writes:
 * `"True"`/`"False"` become booleans, numeric strings numbers, dates ISO 8601 date-times,
 * scalars strings for string targets. `undefined` when there is nothing to write (null, `""`,
 * an empty list): null values are never sent. A value that cannot be converted is returned as
 * it is, so the target's own validation names the problem.
 */
export function coerceToAttribute(
  definition: AttributeDefinition,
  value: ExpressionValue | undefined,
): JsonValue | undefined {
  if (isEmpty(value)) return undefined;
  if (definition.multiValued) {
    const items = Array.isArray(value) ? (value as readonly ExpressionValue[]) : [value];
    const coerced: JsonValue[] = [];
    for (const item of items) {
      const next = coerceOne(definition, item);
      if (next !== undefined) coerced.push(next);
    }
    return coerced.length === 0 ? undefined : coerced;
  }
  if (Array.isArray(value)) {
    // A one-element list (e.g. from Split) is the single value; a longer one cannot be, and is
    // passed on for the target to reject.
    const items = value as readonly ExpressionValue[];
    return items.length === 1 ? coerceOne(definition, items[0]!) : items;
  }
  return coerceOne(definition, value);
}

function isEmpty(value: ExpressionValue | undefined): value is null | undefined {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function coerceOne(definition: AttributeDefinition, value: ExpressionValue): JsonValue | undefined {
  if (isEmpty(value)) return undefined;
  switch (definition.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return toText(value);
    case 'boolean':
      return toBoolean(value);
    case 'integer':
      return toNumber(value, true);
    case 'decimal':
      return toNumber(value, false);
    case 'dateTime':
      return typeof value === 'string' ? (toDateTime(value) ?? value) : value;
    case 'complex':
      // A bare scalar for a complex attribute identified by its `value` (e.g. a manager id).
      if (typeof value !== 'object' && findSubAttribute(definition, 'value') !== undefined) {
        return { value: toText(value) };
      }
      return value;
  }
}

function toText(value: ExpressionValue): JsonValue {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return value;
}

function toBoolean(value: ExpressionValue): JsonValue {
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return value;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function toNumber(value: ExpressionValue, integer: boolean): JsonValue {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (!(integer ? INTEGER : DECIMAL).test(text)) return value;
  const number = Number(text);
  return integer && !Number.isSafeInteger(number) ? value : number;
}

const US_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ([AP]M)$/i;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,7}))?Z$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The date-time forms mapped values come in: RFC 3339 (Graph), `M/d/yyyy h:mm:ss tt` (the
 * expression functions' output, UTC), LDAP generalized time and a bare date (midnight UTC).
 */
export function toDateTime(text: string): string | undefined {
  const trimmed = text.trim();
  let millis = parseDateTime(trimmed);
  if (millis === undefined) millis = parseOtherForms(trimmed);
  if (millis === undefined || !Number.isFinite(millis)) return undefined;
  return new Date(millis).toISOString().replace('.000Z', 'Z');
}

function parseOtherForms(text: string): number | undefined {
  let match = US_DATE_TIME.exec(text);
  if (match !== null) {
    const [, month, day, year, hour, minute, second, half] = match as unknown as string[];
    let h = Number(hour);
    if (h < 1 || h > 12) return undefined;
    if (half!.toUpperCase() === 'AM') h = h === 12 ? 0 : h;
    else h = h === 12 ? 12 : h + 12;
    return utc(Number(year), Number(month), Number(day), h, Number(minute), Number(second), 0);
  }
  match = GENERALIZED_TIME.exec(text);
  if (match !== null) {
    const [, year, month, day, hour, minute, second, fraction] = match as unknown as string[];
    const millis = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
    return utc(
      Number(year),
      Number(month),
      Number(day),
      Number(hour),
      Number(minute),
      Number(second),
      millis,
    );
  }
  match = DATE_ONLY.exec(text);
  if (match !== null) {
    const [, year, month, day] = match as unknown as string[];
    return utc(Number(year), Number(month), Number(day), 0, 0, 0, 0);
  }
  return undefined;
}

/** Epoch milliseconds, or `undefined` when a field is out of range (no rollover into the next month). */
function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number | undefined {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined;
  return date.getTime();
}
