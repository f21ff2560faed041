import { describe, expect, it } from 'vitest';
import { evaluateCandidates, evaluateExpression } from './evaluate-expression.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import { expressionInfo } from './expression-info.js';
import { parseExpression } from './expression-parser.js';
import { EXPRESSION_FUNCTIONS } from './function-signatures.js';
import { createTestContext, FUNCTION_CASES, FUNCTION_ERROR_CASES } from './functions.cases.js';
import { printExpression } from './print-expression.js';

function evaluationError(expression: string, attributes = {}): ExpressionEvaluationError {
  try {
    evaluateExpression(parseExpression(expression), createTestContext(attributes));
  } catch (error) {
    if (error instanceof ExpressionEvaluationError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe('documented and derived examples', () => {
  it.each(FUNCTION_CASES.map((c) => [c.source, c.expression, c] as const))('%s: %s', (_source, _text, c) => {
    const expression = parseExpression(c.expression);
    expect(evaluateExpression(expression, createTestContext(c.attributes, c.now))).toStrictEqual(c.expected);
    // Every example also prints canonically and parses back to the same tree.
    expect(parseExpression(printExpression(expression.root)).root).toStrictEqual(expression.root);
  });

  it('covers every function', () => {
    const used = new Set(
      FUNCTION_CASES.flatMap((c) => [...c.expression.matchAll(/([A-Za-z0-9]+)\(/g)].map((m) => m[1])),
    );
    expect(EXPRESSION_FUNCTIONS.filter((name) => !used.has(name))).toEqual(['RandomString']);
  });
});

describe('evaluation errors', () => {
  it.each(FUNCTION_ERROR_CASES)(
    '$expression fails in $functionName',
    ({ expression, attributes, functionName, message }) => {
      const error = evaluationError(expression, attributes);
      expect(error.code).toBe('SCIMSYNC_ERR_EXPRESSION_EVALUATION');
      expect(error.functionName).toBe(functionName);
      expect(error.message).toMatch(message);
    },
  );
});

describe('RandomString', () => {
  const count = (text: string, pattern: RegExp): number => [...text].filter((c) => pattern.test(c)).length;

  it.each([1, 2, 3, 4, 5])(
    'RandomString(6,3,0,0,3) gives 3 digits and 3 lowercase letters (seed %i)',
    (seed) => {
      const value = evaluateExpression(
        parseExpression('RandomString(6,3,0,0,3)'),
        createTestContext({}, undefined, seed),
      );
      expect(value).toMatch(/^[0-9a-z]{6}$/);
      expect(count(value as string, /\d/)).toBe(3);
    },
  );

  it.each([1, 2, 3, 4, 5])(
    'RandomString(10,2,2,2,1,"?,") meets its minimums and avoids "?" and "," (seed %i)',
    (seed) => {
      const value = evaluateExpression(
        parseExpression('RandomString(10,2,2,2,1,"?,")'),
        createTestContext({}, undefined, seed),
      ) as string;
      expect(value).toHaveLength(10);
      expect(value).not.toMatch(/[?,]/);
      expect(count(value, /\d/)).toBeGreaterThanOrEqual(2);
      expect(count(value, /[A-Z]/)).toBeGreaterThanOrEqual(2);
      expect(count(value, /[a-z]/)).toBeGreaterThanOrEqual(1);
      expect(count(value, /[^0-9A-Za-z]/)).toBeGreaterThanOrEqual(2);
    },
  );

  it('Redact(RandomString(6,3,0,0,3)) flows the random string and is redacted', () => {
    const expression = parseExpression('Redact(RandomString(6,3,0,0,3))');
    expect(evaluateExpression(expression, createTestContext())).toMatch(/^[0-9a-z]{6}$/);
    expect(expressionInfo(expression).redacted).toBe(true);
  });
});

describe('SelectUniqueValue', () => {
  const upn = (first: string): string =>
    `Join("@", NormalizeDiacritics(StripSpaces(Join(".", ${first}, [PreferredLastName]))), "contoso.com")`;
  const expression = parseExpression(
    `SelectUniqueValue(${upn('[PreferredFirstName]')}, ${upn('Mid([PreferredFirstName], 1, 1)')}, ${upn(
      'Mid([PreferredFirstName], 1, 2)',
    )})`,
  );

  it('lists the documented candidates in order', () => {
    const context = createTestContext({ PreferredFirstName: 'John', PreferredLastName: 'Smith' });
    expect(evaluateCandidates(expression, context)).toEqual([
      'John.Smith@contoso.com',
      'J.Smith@contoso.com',
      'Jo.Smith@contoso.com',
    ]);
    expect(expressionInfo(expression)).toEqual({
      references: ['PreferredFirstName', 'PreferredLastName'],
      redacted: false,
      selectUniqueValue: true,
    });
  });

  it('drops empty candidates and ones IgnoreFlowIfNullOrEmpty drops', () => {
    const e = parseExpression('SelectUniqueValue([a], IgnoreFlowIfNullOrEmpty([b]), "", [c])');
    expect(evaluateCandidates(e, createTestContext({ c: 'x' }))).toEqual(['x']);
  });

  it('gives any other expression as one candidate', () => {
    expect(evaluateCandidates(parseExpression('[a]'), createTestContext({ a: 'v' }))).toEqual(['v']);
    expect(evaluateCandidates(parseExpression('IgnoreFlowIfNullOrEmpty([a])'), createTestContext())).toEqual([
      null,
    ]);
  });
});

describe('expressionInfo', () => {
  it('lists references once, in order, including those in conditions', () => {
    const info = expressionInfo(parseExpression('IIF([country]="USA", Join(",", [a], [country]), [b])'));
    expect(info).toEqual({ references: ['country', 'a', 'b'], redacted: false, selectUniqueValue: false });
  });

  it('marks only a top-level Redact', () => {
    expect(expressionInfo(parseExpression('Redact([upn])')).redacted).toBe(true);
    expect(expressionInfo(parseExpression('Join("", Redact([upn]))')).redacted).toBe(false);
  });
});

describe('lazy evaluation', () => {
  it('IIF evaluates only the chosen branch', () => {
    const seen: string[] = [];
    const context = {
      ...createTestContext(),
      attribute: (name: string) => (seen.push(name), name === 'c' ? 'yes' : null),
    };
    expect(evaluateExpression(parseExpression('IIF([c]="yes", [t], [f])'), context)).toBeNull();
    expect(seen).toEqual(['c', 't']);
  });

  it('Coalesce stops at the first non-empty value', () => {
    const seen: string[] = [];
    const context = {
      ...createTestContext(),
      attribute: (name: string) => (seen.push(name), name === 'b' ? 'B' : ''),
    };
    expect(evaluateExpression(parseExpression('Coalesce([a], [b], [c])'), context)).toBe('B');
    expect(seen).toEqual(['a', 'b']);
  });
});
