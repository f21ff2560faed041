/** Every function of the language, as Microsoft's reference lists them. Names are case-sensitive. */
export const FUNCTION_NAMES = [
  'Append',
  'AppRoleAssignmentsComplex',
  'BitAnd',
  'CBool',
  'CDate',
  'Coalesce',
  'ConvertToBase64',
  'ConvertToUTF8Hex',
  'Count',
  'CStr',
  'DateAdd',
  'DateDiff',
  'DateFromNum',
  'FormatDateTime',
  'Guid',
  'IgnoreFlowIfNullOrEmpty',
  'IIF',
  'InStr',
  'IsNull',
  'IsNullOrEmpty',
  'IsPresent',
  'IsString',
  'Item',
  'Join',
  'Left',
  'Mid',
  'NormalizeDiacritics',
  'Not',
  'Now',
  'NumFromDate',
  'PCase',
  'RandomString',
  'Redact',
  'RemoveDuplicates',
  'Replace',
  'SelectUniqueValue',
  'SingleAppRoleAssignment',
  'Split',
  'StripSpaces',
  'Switch',
  'ToLower',
  'ToUpper',
  'Word',
] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** The function names, for documentation and error hints. */
export const EXPRESSION_FUNCTIONS: readonly string[] = FUNCTION_NAMES;

export interface FunctionSignature {
  readonly min: number;
  /** `Infinity` for functions with a repeating last parameter. */
  readonly max: number;
  /** Switch takes (source, default) then key/value pairs: an even count. */
  readonly even?: true;
}

const fixed = (count: number): FunctionSignature => ({ min: count, max: count });
const range = (min: number, max: number): FunctionSignature => ({ min, max });

/** Argument counts, from the parameter tables of the reference (optional ones may be left off). */
export const FUNCTION_SIGNATURES: Readonly<Record<FunctionName, FunctionSignature>> = {
  Append: fixed(2),
  AppRoleAssignmentsComplex: fixed(1),
  BitAnd: fixed(2),
  CBool: fixed(1),
  CDate: fixed(1),
  Coalesce: range(1, Infinity),
  ConvertToBase64: fixed(1),
  ConvertToUTF8Hex: fixed(1),
  Count: fixed(1),
  CStr: fixed(1),
  DateAdd: fixed(3),
  DateDiff: fixed(3),
  DateFromNum: fixed(1),
  // dateTimeStyles is optional but positional: it is left empty, not left off.
  FormatDateTime: fixed(4),
  Guid: fixed(0),
  IgnoreFlowIfNullOrEmpty: fixed(1),
  IIF: fixed(3),
  InStr: range(2, 4),
  IsNull: fixed(1),
  IsNullOrEmpty: fixed(1),
  IsPresent: fixed(1),
  IsString: fixed(1),
  Item: fixed(2),
  Join: range(2, Infinity),
  Left: fixed(2),
  Mid: fixed(3),
  NormalizeDiacritics: fixed(1),
  Not: fixed(1),
  Now: fixed(0),
  NumFromDate: fixed(1),
  PCase: range(1, 2),
  RandomString: range(5, 6),
  Redact: fixed(1),
  RemoveDuplicates: fixed(1),
  Replace: range(3, 7),
  SelectUniqueValue: range(2, Infinity),
  SingleAppRoleAssignment: fixed(1),
  Split: fixed(2),
  StripSpaces: fixed(1),
  Switch: { min: 4, max: Infinity, even: true },
  ToLower: range(1, 2),
  ToUpper: range(1, 2),
  Word: fixed(3),
};

const NAMES: ReadonlySet<string> = new Set(FUNCTION_NAMES);

export function isFunctionName(name: string): name is FunctionName {
  return NAMES.has(name);
}

/** The function whose name differs from `name` only in case, for "did you mean" hints. */
export function suggestFunctionName(name: string): FunctionName | undefined {
  const lower = name.toLowerCase();
  return FUNCTION_NAMES.find((candidate) => candidate.toLowerCase() === lower);
}

/** Why `count` arguments do not fit `name`, or undefined when they do. */
export function checkArgumentCount(name: FunctionName, count: number): string | undefined {
  const { min, max, even } = FUNCTION_SIGNATURES[name];
  if (count >= min && count <= max && (even !== true || count % 2 === 0)) return undefined;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  let expected: string;
  if (even === true) expected = `an even number of arguments (at least ${min})`;
  else if (min === max) expected = plural(min);
  else if (max === Infinity) expected = `at least ${plural(min)}`;
  else expected = `${min} to ${max} arguments`;
  return `${name} expects ${expected} but got ${count}`;
}
