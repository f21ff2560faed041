import type { ScimError } from '../errors/scim-error.js';

/** Token kinds of the filter and path grammar (RFC 7644 §3.4.2.2, §3.10). */
export const TokenKind = {
  End: 0,
  /** An attribute path, operator or `true`/`false`/`null`: told apart by the parser from its position. */
  Word: 1,
  String: 2,
  Number: 3,
  LeftParen: 4,
  RightParen: 5,
  LeftBracket: 6,
  RightBracket: 7,
  /** A `.` standing alone, as in `emails[type eq "work"].value`. */
  Dot: 8,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

/** Builds the error for a fault at `position`; the parser decides whether it is a filter or a path error. */
export type LexerFailure = (detail: string, position: number) => ScimError;

/** Character codes the lexer branches on. */
const Char = {
  Tab: 9,
  LineFeed: 10,
  CarriageReturn: 13,
  Space: 32,
  Quote: 34,
  Dollar: 36,
  Percent: 37,
  LeftParen: 40,
  RightParen: 41,
  Plus: 43,
  Minus: 45,
  Dot: 46,
  Slash: 47,
  Zero: 48,
  Nine: 57,
  Colon: 58,
  UpperE: 69,
  LeftBracket: 91,
  Backslash: 92,
  RightBracket: 93,
  Underscore: 95,
  LowerE: 101,
  LowerU: 117,
} as const;

const WORD_START = 1;
const WORD_PART = 2;

/**
 * Characters of a word: ATTRNAME characters, `$` (for `$ref`), and the `.`, `:`, `/`, `%` that a
 * schema URN prefix may contain. The parser validates the word's structure afterwards.
 */
const CHAR_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alpha = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (alpha || c === Char.Dollar) CHAR_CLASS[c] = WORD_START | WORD_PART;
  else if (
    (c >= Char.Zero && c <= Char.Nine) ||
    c === Char.Minus ||
    c === Char.Underscore ||
    c === Char.Dot ||
    c === Char.Colon ||
    c === Char.Slash ||
    c === Char.Percent
  ) {
    CHAR_CLASS[c] = WORD_PART;
  }
}

const isDigit = (c: number): boolean => c >= Char.Zero && c <= Char.Nine;
const isWordPart = (c: number): boolean => c < 128 && (CHAR_CLASS[c]! & WORD_PART) !== 0;
const isSpace = (c: number): boolean =>
  c === Char.Space || c === Char.Tab || c === Char.LineFeed || c === Char.CarriageReturn;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const lower = c | 0x20;
  if (lower >= 97 && lower <= 102) return lower - 87;
  return -1;
}

/**
 * A pull lexer over char codes. It allocates no token objects: the current token is
 * `kind` + `start`/`end` (+ `stringValue`/`numberValue` for literals), advanced by `next()`.
 */
export class FilterLexer {
  readonly text: string;
  kind: TokenKind = TokenKind.End;
  start = 0;
  end = 0;
  /** The decoded value of a String token. */
  stringValue = '';
  /** The value of a Number token. */
  numberValue = 0;
  readonly #fail: LexerFailure;

  constructor(text: string, fail: LexerFailure) {
    this.text = text;
    this.#fail = fail;
    this.next();
  }

  /** Moves to the next token. */
  next(): void {
    const text = this.text;
    const length = text.length;
    let i = this.end;
    while (i < length && isSpace(text.charCodeAt(i))) i++;
    this.start = i;
    if (i >= length) {
      this.kind = TokenKind.End;
      this.end = length;
      return;
    }
    const c = text.charCodeAt(i);
    switch (c) {
      case Char.LeftParen:
        return this.#single(TokenKind.LeftParen, i);
      case Char.RightParen:
        return this.#single(TokenKind.RightParen, i);
      case Char.LeftBracket:
        return this.#single(TokenKind.LeftBracket, i);
      case Char.RightBracket:
        return this.#single(TokenKind.RightBracket, i);
      case Char.Dot:
        return this.#single(TokenKind.Dot, i);
      case Char.Quote:
        return this.#string(i);
    }
    if (c === Char.Minus || isDigit(c)) return this.#number(i);
    if (c < 128 && (CHAR_CLASS[c]! & WORD_START) !== 0) {
      let j = i + 1;
      while (j < length && isWordPart(text.charCodeAt(j))) j++;
      this.kind = TokenKind.Word;
      this.end = j;
      return;
    }
    throw this.#fail(`unexpected character ${JSON.stringify(text.charAt(i))} at offset ${i}`, i);
  }

  /** True when the current token is of `kind` (a call, so type narrowing does not outlive `next()`). */
  is(kind: TokenKind): boolean {
    return this.kind === kind;
  }

  /** The first non-whitespace character code after the current token, or -1 at the end. */
  peekCharCode(): number {
    const text = this.text;
    let i = this.end;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    return i < text.length ? text.charCodeAt(i) : -1;
  }

  /** True when the current token is a Word equal to `keyword` (lowercase letters), ignoring case. */
  isKeyword(keyword: string): boolean {
    if (this.kind !== TokenKind.Word || this.end - this.start !== keyword.length) return false;
    const text = this.text;
    for (let k = 0; k < keyword.length; k++) {
      // `| 0x20` lowercases ASCII letters, and maps no non-letter onto a lowercase letter.
      if ((text.charCodeAt(this.start + k) | 0x20) !== keyword.charCodeAt(k)) return false;
    }
    return true;
  }

  /** The current token's text, shortened for error messages. */
  describe(): string {
    if (this.kind === TokenKind.End) return 'the end of the input';
    const raw = this.text.slice(this.start, this.end);
    return JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  }

  #single(kind: TokenKind, i: number): void {
    this.kind = kind;
    this.end = i + 1;
  }

  #string(open: number): void {
    const text = this.text;
    const length = text.length;
    let i = open + 1;
    let segment = i;
    let value = '';
    for (;;) {
      if (i >= length) throw this.#fail(`unterminated string starting at offset ${open}`, open);
      const c = text.charCodeAt(i);
      if (c === Char.Quote) break;
      if (c < 0x20) {
        throw this.#fail(`unescaped control character in string at offset ${i}`, i);
      }
      if (c !== Char.Backslash) {
        i++;
        continue;
      }
      value += text.slice(segment, i);
      const escape = i + 1 < length ? text.charCodeAt(i + 1) : -1;
      switch (escape) {
        case Char.Quote:
          value += '"';
          break;
        case Char.Backslash:
          value += '\\';
          break;
        case Char.Slash:
          value += '/';
          break;
        case 98:
          value += '\b';
          break;
        case 102:
          value += '\f';
          break;
        case 110:
          value += '\n';
          break;
        case 114:
          value += '\r';
          break;
        case 116:
          value += '\t';
          break;
        case Char.LowerU: {
          let code = 0;
          for (let k = i + 2; k < i + 6; k++) {
            const digit = k < length ? hexValue(text.charCodeAt(k)) : -1;
            if (digit < 0) throw this.#fail(`invalid \\u escape in string at offset ${i}`, i);
            code = code * 16 + digit;
          }
          value += String.fromCharCode(code);
          i += 4;
          break;
        }
        default:
          throw this.#fail(`invalid escape sequence in string at offset ${i}`, i);
      }
      i += 2;
      segment = i;
    }
    this.stringValue = segment === open + 1 ? text.slice(segment, i) : value + text.slice(segment, i);
    this.kind = TokenKind.String;
    this.end = i + 1;
  }

  /** JSON number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` */
  #number(first: number): void {
    const text = this.text;
    const length = text.length;
    let i = first;
    if (text.charCodeAt(i) === Char.Minus) i++;
    const intStart = i;
    if (i < length && text.charCodeAt(i) === Char.Zero) i++;
    else while (i < length && isDigit(text.charCodeAt(i))) i++;
    if (i === intStart) throw this.#badNumber('expected a digit', i);
    if (i < length && text.charCodeAt(i) === Char.Dot) {
      const fractionStart = ++i;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      if (i === fractionStart) throw this.#badNumber('expected a digit after "."', i);
    }
    const e = i < length ? text.charCodeAt(i) : -1;
    if (e === Char.LowerE || e === Char.UpperE) {
      i++;
      const sign = i < length ? text.charCodeAt(i) : -1;
      if (sign === Char.Plus || sign === Char.Minus) i++;
      const exponentStart = i;
      while (i < length && isDigit(text.charCodeAt(i))) i++;
      if (i === exponentStart) {
        throw this.#badNumber('expected a digit in the exponent', i);
      }
    }
    if (i < length && isWordPart(text.charCodeAt(i))) {
      throw this.#badNumber(`unexpected ${JSON.stringify(text.charAt(i))}`, i);
    }
    const value = Number(text.slice(first, i));
    if (!Number.isFinite(value)) throw this.#fail(`number out of range at offset ${first}`, first);
    this.numberValue = value;
    this.kind = TokenKind.Number;
    this.end = i;
  }

  #badNumber(problem: string, position: number): ScimError {
    return this.#fail(`invalid number: ${problem} at offset ${position}`, position);
  }
}
