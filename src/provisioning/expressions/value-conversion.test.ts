import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './evaluate-expression.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import { parseExpression } from './expression-parser.js';
import { createTestContext } from './functions.cases.js';
import { isEmptyValue, numberToText, toBoolean, toInteger, toList, toText } from './value-conversion.js';

describe('value conversion', () => {
  it('prints values as .NET does', () => {
    expect(toText(true, 'F')).toBe('True');
    expect(toText(false, 'F')).toBe('False');
    expect(toText(129699324000000000, 'F')).toBe('129699324000000000');
    expect(numberToText(1e21)).toBe('1000000000000000000000');
    expect(toText(['only'], 'F')).toBe('only');
    expect(toText([], 'F')).toBeNull();
    expect(toText(null, 'F')).toBeNull();
    expect(() => toText(['a', 'b'], 'F')).toThrow(ExpressionEvaluationError);
    expect(() => toText({ a: 'b' }, 'F')).toThrow(/complex value/);
  });

  it('reads booleans as Convert.ToBoolean does', () => {
    expect(toBoolean('TRUE', 'F')).toBe(true);
    expect(toBoolean(' false ', 'F')).toBe(false);
    expect(toBoolean('0', 'F')).toBe(false);
    expect(toBoolean(2, 'F')).toBe(true);
    expect(toBoolean(null, 'F')).toBe(false);
    expect(() => toBoolean('yes', 'F')).toThrow(/expected a boolean but got "yes"/);
  });

  it('reads whole numbers only', () => {
    expect(toInteger(' 12 ', 'F', 'n')).toBe(12);
    expect(toInteger('-3', 'F', 'n')).toBe(-3);
    expect(() => toInteger('1.5', 'F', 'n')).toThrow(/n must be a whole number, not "1.5"/);
    expect(() => toInteger(null, 'F', 'n')).toThrow(/not null/);
  });

  it('treats null, "" and no values as empty', () => {
    expect([null, undefined, '', []].every(isEmptyValue)).toBe(true);
    expect([' ', 0, false, ['']].some(isEmptyValue)).toBe(false);
    expect(toList(null)).toEqual([]);
    expect(toList('a')).toEqual(['a']);
  });
});

describe('evaluation errors name the function', () => {
  it('names the condition function when a comparison meets a list', () => {
    const expression = parseExpression('CBool([a] = "x")');
    const run = (): unknown => evaluateExpression(expression, createTestContext({ a: ['1', '2'] }));
    expect(run).toThrow(ExpressionEvaluationError);
    expect(run).toThrow(/^CBool: expected a single value/);
  });

  it('reports an invalid clock from the context', () => {
    const context = { ...createTestContext(), now: () => new Date(Number.NaN) };
    expect(() => evaluateExpression(parseExpression('Now()'), context)).toThrow(
      /^Now: .*invalid current date/,
    );
  });
});
