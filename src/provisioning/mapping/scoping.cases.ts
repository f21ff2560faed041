import type { ExpressionValue } from '../expressions/index.js';
import type { ScopingOperator } from './scoping.js';

/** One clause on attribute `a` of a source object, and whether it holds. */
export interface ClauseCase {
  readonly operator: ScopingOperator;
  readonly value?: string;
  /** `undefined` means the source object lacks the attribute. */
  readonly actual: ExpressionValue | undefined;
  readonly expected: boolean;
}

const c = (
  operator: ScopingOperator,
  value: string | undefined,
  actual: ExpressionValue | undefined,
  expected: boolean,
): ClauseCase =>
  value === undefined ? { operator, actual, expected } : { operator, value, actual, expected };

/** Entra's documented clause semantics, plus the null/empty rule for every value-comparing operator. */
export const CLAUSE_CASES: readonly ClauseCase[] = [
  c('EQUALS', 'Sales', 'Sales', true),
  c('EQUALS', 'Sales', 'sales', false),
  c('EQUALS', 'Sales', null, false),
  c('EQUALS', 'Sales', undefined, false),
  c('EQUALS', '42', 42, true),
  c('EQUALS', 'True', true, true),
  c('EQUALS', 'Sales', ['Sales'], false),
  c('NOT EQUALS', 'Sales', 'Marketing', true),
  c('NOT EQUALS', 'Sales', 'sales', true),
  c('NOT EQUALS', 'Sales', 'Sales', false),
  c('NOT EQUALS', 'Sales', null, false),
  c('NOT EQUALS', 'Sales', '', false),
  c('Includes', 'ale', 'Sales', true),
  c('Includes', 'ALE', 'Sales', false),
  c('Includes', 'ale', null, false),
  c('&', 'Sales,Marketing', 'Sales', true),
  c('&', 'Sales,Marketing', 'Engineering', false),
  c('&', 'Sales,Marketing', 'sales', false),
  c('&', 'Sales,Marketing', null, false),
  c('!&', 'Sales,Marketing', 'Engineering', true),
  c('!&', 'Sales,Marketing', 'Sales', false),
  c('!&', 'Sales,Marketing', null, false),
  c('ENDS_WITH', '@contoso.com', 'ann@contoso.com', true),
  c('ENDS_WITH', '@contoso.com', 'ann@CONTOSO.com', false),
  c('ENDS_WITH', '@contoso.com', undefined, false),
  c('Greater_Than', '1000000', '1500000', true),
  c('Greater_Than', '1000000', 1000000, false),
  c('Greater_Than', '1000000', 1000001, true),
  c('Greater_Than', '10', '9', false),
  c('Greater_Than', '10', '10.5', false),
  c('Greater_Than', '10', 'eleven', false),
  c('Greater_Than', '10', 10.5, false),
  c('Greater_Than', '10', null, false),
  c('Greater_Than', '-5', '-4', true),
  c('Greater_Than', '9007199254740993', '9007199254740994', true),
  c('Greater_Than_OR_EQUALS', '1000000', '1000000', true),
  c('Greater_Than_OR_EQUALS', '1000000', 999999, false),
  c('Greater_Than_OR_EQUALS', '0', undefined, false),
  c('IS TRUE', undefined, true, true),
  c('IS TRUE', undefined, 'True', true),
  c('IS TRUE', undefined, 'true', true),
  c('IS TRUE', undefined, false, false),
  c('IS TRUE', undefined, 'yes', false),
  c('IS TRUE', undefined, null, false),
  c('IS FALSE', undefined, false, true),
  c('IS FALSE', undefined, 'False', true),
  c('IS FALSE', undefined, true, false),
  c('IS FALSE', undefined, null, false),
  c('IS NULL', undefined, null, true),
  c('IS NULL', undefined, undefined, true),
  c('IS NULL', undefined, '', true),
  c('IS NULL', undefined, [], true),
  c('IS NULL', undefined, 'x', false),
  c('IS NULL', undefined, false, false),
  c('IS NOT NULL', undefined, 'x', true),
  c('IS NOT NULL', undefined, 0, true),
  c('IS NOT NULL', undefined, null, false),
  c('IS NOT NULL', undefined, '', false),
  c('REGEX MATCH', '.*@domain.com', 'ann@domain.com', true),
  c('REGEX MATCH', '.*\\@domain.com', 'ann@domain.com', true),
  c('REGEX MATCH', '([1-9][0-9])', '42', true),
  c('REGEX MATCH', '^[A-Z]', 'ann', false),
  c('REGEX MATCH', '.*', null, false),
  c('NOT REGEX MATCH', '.*@domain.com', 'ann@other.org', true),
  c('NOT REGEX MATCH', '.*@domain.com', 'ann@domain.com', false),
  c('NOT REGEX MATCH', 'x', '', false),
  c('NOT REGEX MATCH', 'x', null, false),
  c('NOT REGEX MATCH', 'x', undefined, false),
];
