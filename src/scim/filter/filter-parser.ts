import { ScimError, type ScimType } from '../errors/scim-error.js';
import type { AttributePath } from '../path/attribute-path.js';
import {
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  type Filter,
  type FilterLiteral,
} from './filter-ast.js';
import { FilterLexer, TokenKind } from './filter-lexer.js';

/** Default bound on a filter's length in characters, so a hostile filter cannot cost unbounded time. */
export const FILTER_MAX_LENGTH = 10_000;
/** Default bound on nesting of parentheses, `not` and `[...]`, so parsing never exhausts the stack. */
export const FILTER_MAX_DEPTH = 50;

export interface ParseFilterOptions {
  /** Longest accepted filter, in characters (default {@link FILTER_MAX_LENGTH}). */
  readonly maxLength?: number;
  /** Deepest accepted nesting of `(`, `not (` and `[` (default {@link FILTER_MAX_DEPTH}). */
  readonly maxDepth?: number;
}

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into a {@link Filter} AST. `and` binds tighter than
 * `or`, both left-associative. Besides the ABNF it accepts `attr[filter].sub op value` (sent by
 * Microsoft Entra), read as `attr[filter and sub op value]`.
 *
 * @throws ScimError 400 `invalidFilter` with the 0-based `position` of the fault.
 * @example
 * parseFilter('emails[type eq "work"] and userName sw "J"');
 */
export function parseFilter(text: string, options: ParseFilterOptions = {}): Filter {
  const maxLength = options.maxLength ?? FILTER_MAX_LENGTH;
  if (text.length > maxLength) {
    throw new ScimError(
      400,
      'invalidFilter',
      `filter is ${text.length} characters long, over the maximum length of ${maxLength} (maxLength) at offset ${maxLength}`,
      { position: maxLength },
    );
  }
  const parser = new FilterParser(text, 'invalidFilter', options.maxDepth ?? FILTER_MAX_DEPTH);
  const filter = parser.parseExpression();
  parser.expectEnd();
  return filter;
}

type ParseErrorType = Extract<ScimType, 'invalidFilter' | 'invalidPath'>;

/** Comparison operators keyed by their two lowercased char codes, so lookup allocates nothing. */
const COMPARISON_BY_CODE: ReadonlyMap<number, ComparisonOperator> = new Map(
  COMPARISON_OPERATORS.map((operator) => [(operator.charCodeAt(0) << 8) | operator.charCodeAt(1), operator]),
);

/** The comparison operator spelled (in any case) by the two characters at `at`. */
function comparisonOperatorAt(text: string, at: number): ComparisonOperator | undefined {
  // `| 0x20` lowercases ASCII letters and maps no other character onto a lowercase letter.
  return COMPARISON_BY_CODE.get(((text.charCodeAt(at) | 0x20) << 8) | (text.charCodeAt(at + 1) | 0x20));
}

const Code = {
  Dollar: 36,
  Minus: 45,
  Dot: 46,
  Colon: 58,
  LeftParen: 40,
  Underscore: 95,
} as const;

const isAlpha = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isNameChar = (c: number): boolean =>
  isAlpha(c) || (c >= 48 && c <= 57) || c === Code.Minus || c === Code.Underscore;

/**
 * The one recursive-descent parser behind both filters and PATCH paths (the path parser drives
 * it piece by piece). Only `(`, `not (` and `[` recurse, each bounded by `maxDepth`; and/or
 * chains are built in loops, so long chains cannot exhaust the stack.
 * @internal
 */
export class FilterParser {
  readonly lexer: FilterLexer;
  readonly #maxDepth: number;
  #depth = 0;
  #inBracket = false;
  #errorType: ParseErrorType;

  constructor(text: string, errorType: ParseErrorType, maxDepth: number = FILTER_MAX_DEPTH) {
    this.#errorType = errorType;
    this.#maxDepth = maxDepth;
    this.lexer = new FilterLexer(text, (detail, position) => this.fail(detail, position));
  }

  /** A parse error of the current kind (`invalidFilter` inside filters, `invalidPath` in path syntax). */
  fail(detail: string, position: number): ScimError {
    return new ScimError(400, this.#errorType, detail, { position });
  }

  /** `filter = orExp`, stopping before a token that cannot continue it. */
  parseExpression(): Filter {
    const lexer = this.lexer;
    let left = this.#parseAnd();
    while (lexer.isKeyword('or')) {
      lexer.next();
      left = { kind: 'logical', operator: 'or', left, right: this.#parseAnd() };
    }
    return left;
  }

  expectEnd(): void {
    const lexer = this.lexer;
    if (lexer.kind === TokenKind.End) return;
    if (lexer.kind === TokenKind.RightParen) {
      throw this.fail(`unmatched ")" at offset ${lexer.start}`, lexer.start);
    }
    throw this.fail(
      `expected "and", "or" or the end of the filter but found ${lexer.describe()} at offset ${lexer.start}`,
      lexer.start,
    );
  }

  /**
   * Reads `[schemaUrn ":"] attrName ["." subAttr]` from the current Word token. The attribute name
   * follows the last colon (URNs contain colons and dots); the sub-attribute follows the first dot after it.
   */
  readAttributePath(): AttributePath {
    const lexer = this.lexer;
    if (lexer.kind !== TokenKind.Word) {
      throw this.fail(
        `expected an attribute path but found ${lexer.describe()} at offset ${lexer.start}`,
        lexer.start,
      );
    }
    const text = lexer.text;
    const start = lexer.start;
    const end = lexer.end;
    let nameStart = start;
    for (let i = end - 1; i >= start; i--) {
      if (text.charCodeAt(i) === Code.Colon) {
        nameStart = i + 1;
        break;
      }
    }
    let dot = -1;
    for (let i = nameStart; i < end; i++) {
      if (text.charCodeAt(i) === Code.Dot) {
        dot = i;
        break;
      }
    }
    const nameEnd = dot < 0 ? end : dot;
    this.#checkName(nameStart, nameEnd, 'attribute name');
    const attribute = text.slice(nameStart, nameEnd);
    lexer.next();
    let path: AttributePath;
    if (dot < 0) path = { attribute };
    else {
      this.#checkName(dot + 1, end, 'sub-attribute name');
      path = { attribute, subAttribute: text.slice(dot + 1, end) };
    }
    if (nameStart === start) return path;
    const schemaEnd = nameStart - 1;
    if (schemaEnd === start || !isAlpha(text.charCodeAt(start))) {
      throw this.fail(`invalid schema URN prefix at offset ${start}`, start);
    }
    return { schema: text.slice(start, schemaEnd), ...path };
  }

  /** Reads `"[" valFilter "]"` (current token `[`) and returns the inner filter. */
  readValueFilter(): Filter {
    const lexer = this.lexer;
    const open = lexer.start;
    if (this.#inBracket) {
      throw this.fail(
        `nested attribute filter: "[" inside "[...]" is not allowed (RFC 7644 §3.4.2.2) at offset ${open}`,
        open,
      );
    }
    this.#enter(open);
    this.#inBracket = true;
    lexer.next();
    const filter = this.parseExpression();
    if (lexer.kind !== TokenKind.RightBracket) {
      throw this.fail(
        `expected "]" to close the "[" at offset ${open} but found ${lexer.describe()} at offset ${lexer.start}`,
        lexer.start,
      );
    }
    this.#inBracket = false;
    this.#depth--;
    return filter;
  }

  /** Switches the error type while the path parser is inside a path's `[...]` (RFC 7644 §3.12). */
  setErrorType(errorType: ParseErrorType): void {
    this.#errorType = errorType;
  }

  /** Reads a sub-attribute name standing alone, after `].` */
  readSubAttributeName(): string {
    const lexer = this.lexer;
    if (lexer.kind !== TokenKind.Word) {
      throw this.fail(
        `expected a sub-attribute name after "." but found ${lexer.describe()} at offset ${lexer.start}`,
        lexer.start,
      );
    }
    this.#checkName(lexer.start, lexer.end, 'sub-attribute name');
    const name = lexer.text.slice(lexer.start, lexer.end);
    lexer.next();
    return name;
  }

  #parseAnd(): Filter {
    const lexer = this.lexer;
    let left = this.#parseAtom();
    while (lexer.isKeyword('and')) {
      lexer.next();
      left = { kind: 'logical', operator: 'and', left, right: this.#parseAtom() };
    }
    return left;
  }

  #parseAtom(): Filter {
    const lexer = this.lexer;
    if (lexer.kind === TokenKind.LeftParen) {
      const open = lexer.start;
      this.#enter(open);
      lexer.next();
      const filter = this.parseExpression();
      this.#expectClose(open);
      this.#depth--;
      return filter;
    }
    if (lexer.kind === TokenKind.Word) {
      // `not` is an operator only before "(": an attribute may be named "not".
      if (lexer.isKeyword('not') && lexer.peekCharCode() === Code.LeftParen) {
        const notAt = lexer.start;
        this.#enter(notAt);
        lexer.next();
        const open = lexer.start;
        lexer.next();
        const filter = this.parseExpression();
        this.#expectClose(open);
        this.#depth--;
        return { kind: 'not', filter };
      }
      return this.#parseAttributeExpression();
    }
    throw this.fail(
      `expected an attribute path, "(" or "not" but found ${lexer.describe()} at offset ${lexer.start}`,
      lexer.start,
    );
  }

  #parseAttributeExpression(): Filter {
    const lexer = this.lexer;
    const pathStart = lexer.start;
    const pathEnd = lexer.end;
    const path = this.readAttributePath();
    if (lexer.kind === TokenKind.LeftBracket) {
      if (path.subAttribute !== undefined) {
        throw this.fail(
          `a "[" filter must follow an attribute without a sub-attribute at offset ${lexer.start}`,
          lexer.start,
        );
      }
      let filter = this.readValueFilter();
      lexer.next();
      if (lexer.is(TokenKind.Dot)) {
        // Entra's `emails[type eq "work"].value eq "x"`: fold the trailing test into the value filter.
        lexer.next();
        const subStart = lexer.start;
        const subEnd = lexer.end;
        const subAttribute = this.readSubAttributeName();
        filter = {
          kind: 'logical',
          operator: 'and',
          left: filter,
          right: this.#parseOperation({ attribute: subAttribute }, subStart, subEnd),
        };
      }
      return { kind: 'valuePath', path, filter };
    }
    return this.#parseOperation(path, pathStart, pathEnd);
  }

  /** `compareOp compValue` or `pr`, after the attribute path written at `pathStart`..`pathEnd`. */
  #parseOperation(path: AttributePath, pathStart: number, pathEnd: number): Filter {
    const lexer = this.lexer;
    const at = lexer.start;
    if (lexer.kind === TokenKind.Word) {
      if (lexer.isKeyword('pr')) {
        lexer.next();
        return { kind: 'present', path };
      }
      const operator = lexer.end - at === 2 ? comparisonOperatorAt(lexer.text, at) : undefined;
      if (operator !== undefined) {
        lexer.next();
        return { kind: 'comparison', path, operator, value: this.#readLiteral(operator) };
      }
    }
    const pathText = lexer.text.slice(pathStart, pathEnd);
    if (pathText.toLowerCase() === 'not') throw this.fail(`expected "(" after "not" at offset ${at}`, at);
    throw this.fail(
      `expected a comparison operator after ${JSON.stringify(pathText.length > 60 ? `${pathText.slice(0, 60)}…` : pathText)} at offset ${at} but found ${lexer.describe()}`,
      at,
    );
  }

  #readLiteral(operator: ComparisonOperator): FilterLiteral {
    const lexer = this.lexer;
    let value: FilterLiteral;
    switch (lexer.kind) {
      case TokenKind.String:
        value = lexer.stringValue;
        break;
      case TokenKind.Number:
        value = lexer.numberValue;
        break;
      default:
        if (lexer.isKeyword('true')) value = true;
        else if (lexer.isKeyword('false')) value = false;
        else if (lexer.isKeyword('null')) value = null;
        else {
          const hint = lexer.kind === TokenKind.Word ? ' (strings must be in double quotes)' : '';
          throw this.fail(
            `expected a value (string, number, true, false or null) after "${operator}" but found ${lexer.describe()} at offset ${lexer.start}${hint}`,
            lexer.start,
          );
        }
    }
    lexer.next();
    return value;
  }

  #expectClose(open: number): void {
    const lexer = this.lexer;
    if (lexer.kind !== TokenKind.RightParen) {
      throw this.fail(
        `expected ")" to close the "(" at offset ${open} but found ${lexer.describe()} at offset ${lexer.start}`,
        lexer.start,
      );
    }
    lexer.next();
  }

  #enter(position: number): void {
    if (++this.#depth > this.#maxDepth) {
      throw this.fail(
        `nesting deeper than the maximum depth of ${this.#maxDepth} (maxDepth) at offset ${position}`,
        position,
      );
    }
  }

  /** ATTRNAME = ALPHA *(nameChar), or `$ref` (RFC 7643 §2.1, §2.4). */
  #checkName(start: number, end: number, what: string): void {
    const text = this.lexer.text;
    if (start === end) throw this.fail(`missing ${what} at offset ${start}`, start);
    if (text.charCodeAt(start) === Code.Dollar) {
      if (end - start === 4 && text.slice(start, end).toLowerCase() === '$ref') return;
      throw this.fail(`invalid ${what} at offset ${start}: only "$ref" may start with "$"`, start);
    }
    if (!isAlpha(text.charCodeAt(start))) {
      throw this.fail(`invalid ${what} at offset ${start}: it must start with a letter`, start);
    }
    for (let i = start + 1; i < end; i++) {
      if (!isNameChar(text.charCodeAt(i))) {
        throw this.fail(`invalid character ${JSON.stringify(text.charAt(i))} in ${what} at offset ${i}`, i);
      }
    }
  }
}
