import { COMPARISON_OPERATORS, type ComparisonOperator } from './expression-ast.js';
import { ExpressionSyntaxError } from './expression-errors.js';

export const TOKEN_KINDS = [
  'end',
  'identifier',
  'attribute',
  'string',
  'number',
  'operator',
  'leftParen',
  'rightParen',
  'comma',
] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export type Token =
  | {
      readonly kind: 'end' | 'leftParen' | 'rightParen' | 'comma';
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'identifier' | 'attribute';
      readonly start: number;
      readonly end: number;
      readonly name: string;
    }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | {
      readonly kind: 'number';
      readonly start: number;
      readonly end: number;
      readonly value: number;
      readonly radix: 10 | 16;
    }
  | {
      readonly kind: 'operator';
      readonly start: number;
      readonly end: number;
      readonly operator: ComparisonOperator;
    };

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isHexDigit = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isIdentifierPart = (c: string): boolean => isLetter(c) || isDigit(c) || c === '_';
/**
 * Attribute names: letters, digits, `_`, `-`, `.`, plus `:` so that the SCIM URN names of
 * API-driven provisioning (`[urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department]`) fit.
 */
const isAttributePart = (c: string): boolean =>
  isLetter(c) || isDigit(c) || c === '_' || c === '-' || c === '.' || c === ':';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

const OPERATORS: ReadonlySet<string> = new Set(COMPARISON_OPERATORS);

/** Describes the text at `position` for "Expected … but found …" style messages. */
export function describeAt(text: string, position: number): string {
  if (position >= text.length) return 'the end of the expression';
  return JSON.stringify(text.charAt(position));
}

/** Splits an expression into tokens; the last one is always `end`. */
export function tokenizeExpression(text: string): Token[] {
  const tokens: Token[] = [];
  const fail = (detail: string, position: number): ExpressionSyntaxError =>
    new ExpressionSyntaxError(detail, position, text);
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charAt(i))) i++;
    const start = i;
    if (i >= text.length) {
      tokens.push({ kind: 'end', start, end: start });
      return tokens;
    }
    const c = text.charAt(i);
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'leftParen' : c === ')' ? 'rightParen' : 'comma', start, end: i + 1 });
      i++;
    } else if (c === '"') {
      i = readString(text, i, tokens, fail);
    } else if (c === '[') {
      let j = i + 1;
      while (j < text.length && isAttributePart(text.charAt(j))) j++;
      if (j === i + 1) throw fail('Expected an attribute name after "["', j);
      if (text.charAt(j) !== ']') throw fail('Expected "]" to close the attribute name', j);
      tokens.push({ kind: 'attribute', start, end: j + 1, name: text.slice(i + 1, j) });
      i = j + 1;
    } else if (isDigit(c) || (c === '-' && isDigit(text.charAt(i + 1)))) {
      let j = i + 1;
      while (j < text.length && isDigit(text.charAt(j))) j++;
      if (isIdentifierPart(text.charAt(j))) throw fail('Expected a digit', j);
      tokens.push({ kind: 'number', start, end: j, value: Number(text.slice(i, j)) + 0, radix: 10 });
      i = j;
    } else if (c === '&' && (text.charAt(i + 1) === 'H' || text.charAt(i + 1) === 'h')) {
      let j = i + 2;
      while (j < text.length && isHexDigit(text.charAt(j))) j++;
      if (j === i + 2 || isIdentifierPart(text.charAt(j))) throw fail('Expected a hexadecimal digit', j);
      tokens.push({
        kind: 'number',
        start,
        end: j,
        value: Number.parseInt(text.slice(i + 2, j), 16),
        radix: 16,
      });
      i = j;
    } else if (isLetter(c) || c === '_') {
      let j = i + 1;
      while (j < text.length && isIdentifierPart(text.charAt(j))) j++;
      tokens.push({ kind: 'identifier', start, end: j, name: text.slice(i, j) });
      i = j;
    } else if (c === '=' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const operator = (OPERATORS.has(two) ? two : c) as ComparisonOperator;
      tokens.push({ kind: 'operator', start, end: i + operator.length, operator });
      i += operator.length;
    } else {
      throw fail(`Unexpected character ${JSON.stringify(c)}`, i);
    }
  }
}

/** Reads `"…"` from the quote at `open`; only `\\` and `\"` are escapes, as the reference defines. */
function readString(
  text: string,
  open: number,
  tokens: Token[],
  fail: (detail: string, position: number) => ExpressionSyntaxError,
): number {
  let value = '';
  let i = open + 1;
  let segment = i;
  for (;;) {
    if (i >= text.length) {
      throw fail(`Expected '"' to close the string that starts at column ${open + 1}`, text.length);
    }
    const c = text.charAt(i);
    if (c === '"') break;
    if (c !== '\\') {
      i++;
      continue;
    }
    const next = text.charAt(i + 1);
    if (next !== '\\' && next !== '"') {
      throw fail('Expected "\\" or \'"\' after a backslash (write \\\\ for a backslash)', i + 1);
    }
    value += text.slice(segment, i) + next;
    i += 2;
    segment = i;
  }
  value += text.slice(segment, i);
  tokens.push({ kind: 'string', start: open, end: i + 1, value });
  return i + 1;
}
