import { describe, expect, it } from 'vitest';
import { invalidFilter } from '../errors/scim-error.js';
import { FilterLexer, TokenKind } from './filter-lexer.js';

function tokens(text: string): [TokenKind, string | number][] {
  const lexer = new FilterLexer(text, invalidFilter);
  const out: [TokenKind, string | number][] = [];
  while (lexer.kind !== TokenKind.End) {
    const value =
      lexer.kind === TokenKind.String
        ? lexer.stringValue
        : lexer.kind === TokenKind.Number
          ? lexer.numberValue
          : text.slice(lexer.start, lexer.end);
    out.push([lexer.kind, value]);
    lexer.next();
  }
  return out;
}

describe('FilterLexer', () => {
  it('reads a URN-qualified path with its dots and colons as one word', () => {
    expect(
      tokens('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value pr'),
    ).toStrictEqual([
      [TokenKind.Word, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value'],
      [TokenKind.Word, 'pr'],
    ]);
  });

  it('reads brackets, parentheses and a standalone dot', () => {
    expect(tokens('not(a[b eq 1].c)').map(([kind]) => kind)).toStrictEqual([
      TokenKind.Word,
      TokenKind.LeftParen,
      TokenKind.Word,
      TokenKind.LeftBracket,
      TokenKind.Word,
      TokenKind.Word,
      TokenKind.Number,
      TokenKind.RightBracket,
      TokenKind.Dot,
      TokenKind.Word,
      TokenKind.RightParen,
    ]);
  });

  it('decodes every JSON escape', () => {
    expect(tokens(String.raw`"\" \\ \/ \b \f \n \r \t \u0041\u00E9"`)).toStrictEqual([
      [TokenKind.String, '" \\ / \b \f \n \r \t Aé'],
    ]);
  });

  it('reads JSON numbers', () => {
    expect(tokens('0 -0 12 -3.5 1e2 1E+2 2.5e-1').map(([, value]) => value)).toStrictEqual([
      0, -0, 12, -3.5, 100, 100, 0.25,
    ]);
  });

  it('skips spaces, tabs and line breaks', () => {
    expect(tokens(' \t\r\na \n pr\t')).toStrictEqual([
      [TokenKind.Word, 'a'],
      [TokenKind.Word, 'pr'],
    ]);
  });

  it('matches keywords case-insensitively, without matching longer words', () => {
    const lexer = new FilterLexer('AnD', invalidFilter);
    expect(lexer.isKeyword('and')).toBe(true);
    expect(new FilterLexer('andy', invalidFilter).isKeyword('and')).toBe(false);
    expect(new FilterLexer('"and"', invalidFilter).isKeyword('and')).toBe(false);
  });

  it('reports the offset of an unexpected character', () => {
    expect(() => tokens('a eq "x" & b pr')).toThrow(/unexpected character "&" at offset 9/);
  });
});
