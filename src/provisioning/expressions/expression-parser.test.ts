import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './expression-errors.js';
import { tokenizeExpression } from './expression-lexer.js';
import { parseExpression } from './expression-parser.js';
import { INVALID_CASES, PARSE_CASES } from './expression-parser.cases.js';
import { FUNCTION_CASES } from './functions.cases.js';
import { printExpression } from './print-expression.js';

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe('tokenizeExpression', () => {
  it('splits tokens with their offsets', () => {
    const tokens = tokenizeExpression('IIF([a]>=-1, "x\\"y", &H1F)');
    expect(tokens.map((t) => [t.kind, t.start, t.end])).toEqual([
      ['identifier', 0, 3],
      ['leftParen', 3, 4],
      ['attribute', 4, 7],
      ['operator', 7, 9],
      ['number', 9, 11],
      ['comma', 11, 12],
      ['string', 13, 19],
      ['comma', 19, 20],
      ['number', 21, 25],
      ['rightParen', 25, 26],
      ['end', 26, 26],
    ]);
    expect(tokens[6]).toMatchObject({ value: 'x"y' });
    expect(tokens[8]).toMatchObject({ value: 31, radix: 16 });
    expect(tokens[4]).toMatchObject({ value: -1, radix: 10 });
  });

  it('reads every comparison operator, longest first', () => {
    const operators = tokenizeExpression('= <> > >= < <=').flatMap((t) =>
      t.kind === 'operator' ? [t.operator] : [],
    );
    expect(operators).toEqual(['=', '<>', '>', '>=', '<', '<=']);
  });

  it("decodes the reference's escaped regex into the regex itself", () => {
    const [token] = tokenizeExpression('"\\\\+(?<a>\\\\d*)"');
    expect(token).toMatchObject({ kind: 'string', value: '\\+(?<a>\\d*)' });
  });
});

describe('parseExpression', () => {
  it.each(PARSE_CASES)('parses $text', ({ text, root, printed }) => {
    const expression = parseExpression(text);
    expect(expression.text).toBe(text);
    expect(expression.root).toStrictEqual(root);
    expect(printExpression(root)).toBe(printed ?? text);
    expect(parseExpression(printExpression(root)).root).toStrictEqual(root);
  });

  it('returns frozen trees', () => {
    const expression = parseExpression('Join(",", [a], "b")');
    expect(Object.isFrozen(expression)).toBe(true);
    expect(Object.isFrozen(expression.root)).toBe(true);
  });

  it('parses every example of the reference', () => {
    for (const { expression } of FUNCTION_CASES) expect(() => parseExpression(expression)).not.toThrow();
  });

  it.each(INVALID_CASES)('rejects $text at offset $position', ({ text, position, message }) => {
    const error = syntaxError(text);
    expect(error.code).toBe('SCIMSYNC_ERR_EXPRESSION_SYNTAX');
    expect(error.position).toBe(position);
    expect(error.expression).toBe(text);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`at column ${position + 1}$`));
  });
});
