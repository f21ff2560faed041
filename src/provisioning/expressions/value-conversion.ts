import { ExpressionEvaluationError } from './expression-errors.js';

/** A value flowing through an expression: what attributes hold and functions return. */
export type ExpressionValue =
  null | string | number | boolean | readonly ExpressionValue[] | { readonly [key: string]: ExpressionValue };

export type ExpressionObject = { readonly [key: string]: ExpressionValue };

export function isList(value: ExpressionValue | undefined): value is readonly ExpressionValue[] {
  return Array.isArray(value);
}

export function isObject(value: ExpressionValue): value is ExpressionObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Null, the empty string, or a multi-valued attribute without values. */
export function isEmptyValue(value: ExpressionValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (isList(value) && value.length === 0);
}

/** How .NET prints a number: integers in full, never in exponent form. */
export function numberToText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value) && Math.abs(value) < 1e300) {
    return BigInt(value).toString();
  }
  return String(value);
}

/**
 * The string form of a single value, as .NET prints it: booleans as "True"/"False". A
 * multi-valued value with one element is that element; with more it is an error.
 */
export function toText(value: ExpressionValue | undefined, functionName: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberToText(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (isList(value)) {
    if (value.length === 0) return null;
    if (value.length === 1) return toText(value[0], functionName);
    throw new ExpressionEvaluationError(
      functionName,
      `expected a single value but got ${value.length} values`,
    );
  }
  throw new ExpressionEvaluationError(functionName, 'expected a single value but got a complex value');
}

/** The string form, with null as "" (for comparisons and Switch keys). */
export function toTextOrEmpty(value: ExpressionValue | undefined, functionName: string): string {
  return toText(value, functionName) ?? '';
}

const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;
const NUMBER_TEXT = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** A number from a number or numeric text, or undefined. */
export function toNumberOrUndefined(value: ExpressionValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMBER_TEXT.test(value)) return Number(value);
  if (isList(value) && value.length === 1) return toNumberOrUndefined(value[0]);
  return undefined;
}

/** A whole number from a number or integer text; anything else is an error naming `what`. */
export function toInteger(value: ExpressionValue | undefined, functionName: string, what: string): number {
  const number =
    typeof value === 'string' && INTEGER_TEXT.test(value) ? Number(value) : toNumberOrUndefined(value);
  if (number === undefined || !Number.isInteger(number)) {
    throw new ExpressionEvaluationError(
      functionName,
      `${what} must be a whole number, not ${describeValue(value)}`,
    );
  }
  return number;
}

/**
 * A boolean as .NET's Convert.ToBoolean reads one: "True"/"False" in any case, or a number
 * (non-zero is true). Null is false.
 */
export function toBoolean(value: ExpressionValue | undefined, functionName: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    const number = toNumberOrUndefined(value);
    if (number !== undefined) return number !== 0;
  }
  if (isList(value) && value.length === 1) return toBoolean(value[0], functionName);
  throw new ExpressionEvaluationError(functionName, `expected a boolean but got ${describeValue(value)}`);
}

/** A multi-valued view: null is no values, a single value is one. */
export function toList(value: ExpressionValue | undefined): readonly ExpressionValue[] {
  if (value === undefined || value === null) return [];
  return isList(value) ? value : [value];
}

/** A short description of a value for error messages. */
export function describeValue(value: ExpressionValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (isList(value)) return `a list of ${value.length} values`;
  if (isObject(value)) return 'a complex value';
  return String(value);
}
