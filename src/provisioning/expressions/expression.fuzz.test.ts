import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError } from './expression-errors.js';
import { EXPRESSION_MAX_LENGTH, parseExpression } from './expression-parser.js';
import { FUNCTION_CASES } from './functions.cases.js';
import { printExpression } from './print-expression.js';

const BUDGET_MS = 50;

function parseOrReject(text: string): void {
  const started = performance.now();
  try {
    const expression = parseExpression(text);
    // Whatever parses must also print and re-parse to the same tree.
    expect(parseExpression(printExpression(expression.root)).root).toStrictEqual(expression.root);
  } catch (error) {
    if (!(error instanceof ExpressionSyntaxError)) throw error;
    expect(error.code).toBe('SCIMSYNC_ERR_EXPRESSION_SYNTAX');
    expect(error.position).toBeGreaterThanOrEqual(0);
    expect(error.position).toBeLessThanOrEqual(text.length);
    expect(error.message).toMatch(/ at column \d+$/);
  }
  expect(performance.now() - started).toBeLessThan(BUDGET_MS * 4);
}

const ALPHABET = [
  ...'[]()",\\ =<>&-0123456789aHx_.:',
  'Append(',
  'IIF(',
  'Replace(',
  'Switch(',
  'SelectUniqueValue(',
  '[mail]',
  '"s"',
  ', ,',
  '&HF',
  'vbTextCompare',
];

const mutated = fc
  .tuple(
    fc.constantFrom(...FUNCTION_CASES.map((c) => c.expression)),
    fc.array(
      fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.constantFrom(...ALPHABET)),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, [edit, at, piece]) => {
      const i = at % (text.length + 1);
      if (edit === 'insert') return text.slice(0, i) + piece + text.slice(i);
      if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + piece + text.slice(i + 1);
    }, seed),
  );

describe('expression parser fuzzing', () => {
  it('survives arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 100 })), parseOrReject),
      {
        numRuns: 1_000,
      },
    );
  });

  it('survives strings over the expression alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((parts) => parts.join('')),
        parseOrReject,
      ),
      { numRuns: 1_500 },
    );
  });

  it('survives mutations of the documented examples', () => {
    fc.assert(fc.property(mutated, parseOrReject), { numRuns: 1_500 });
  });

  it('survives deep nesting and long inputs', () => {
    for (const text of [
      'Append('.repeat(2_000),
      `${'Not('.repeat(99)}[a]${')'.repeat(99)}`,
      `${'Not('.repeat(1_000)}[a]${')'.repeat(1_000)}`,
      '"'.repeat(EXPRESSION_MAX_LENGTH),
      `Join(",", ${'[a], '.repeat(1_990)}[b])`,
      'x'.repeat(EXPRESSION_MAX_LENGTH + 1),
      `"${'\\\\'.repeat(4_000)}"`,
    ]) {
      parseOrReject(text);
    }
  });
});
