import type { ExpressionValue } from '../expressions/index.js';
import { MappingValidationError, mappingIssue, type MappingIssue } from './mapping-errors.js';
import type { SourceObject } from './mapping-types.js';

/** The clause operators of Entra's scoping filters, spelled as Entra spells them. */
export const SCOPING_OPERATORS = [
  '&',
  '!&',
  'ENDS_WITH',
  'EQUALS',
  'NOT EQUALS',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Includes',
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
  'REGEX MATCH',
  'NOT REGEX MATCH',
] as const;
export type ScopingOperator = (typeof SCOPING_OPERATORS)[number];

/** Operators that test the attribute alone and take no value. */
const UNARY: ReadonlySet<ScopingOperator> = new Set(['IS TRUE', 'IS FALSE', 'IS NULL', 'IS NOT NULL']);
const INTEGER = /^[+-]?\d+$/;

/** One condition on one source attribute. */
export interface ScopingClause {
  readonly attribute: string;
  readonly operator: ScopingOperator;
  readonly value?: string;
}

/** Clauses ANDed together. */
export interface ScopingFilter {
  readonly clauses: readonly ScopingClause[];
}

type ClausePredicate = (value: ExpressionValue | undefined) => boolean;

/** Checks the clauses of some filters; `where` prefixes each issue path (e.g. `users.scoping`). */
export function validateScoping(filters: readonly ScopingFilter[], where: string): MappingIssue[] {
  const issues: MappingIssue[] = [];
  filters.forEach((filter, f) => {
    filter.clauses.forEach((clause, c) => {
      const problem = clauseProblem(clause);
      if (problem !== undefined) {
        issues.push(
          mappingIssue(
            'invalidScopingClause',
            `${where}[${f}].clauses[${c}].${problem.member}`,
            problem.message,
          ),
        );
      }
    });
  });
  return issues;
}

function clauseProblem(clause: ScopingClause): { member: string; message: string } | undefined {
  if (typeof clause.attribute !== 'string' || clause.attribute.trim() === '') {
    return { member: 'attribute', message: 'a clause names the source attribute it tests' };
  }
  if (!(SCOPING_OPERATORS as readonly string[]).includes(clause.operator)) {
    return {
      member: 'operator',
      message: `unknown operator "${String(clause.operator)}"; expected one of ${SCOPING_OPERATORS.join(', ')}`,
    };
  }
  if (UNARY.has(clause.operator)) return undefined;
  const value = clause.value;
  if (value === undefined || value === '') {
    return { member: 'value', message: `operator "${clause.operator}" needs a value` };
  }
  if (
    (clause.operator === 'Greater_Than' || clause.operator === 'Greater_Than_OR_EQUALS') &&
    !INTEGER.test(value)
  ) {
    return {
      member: 'value',
      message: `operator "${clause.operator}" compares integers; "${value}" is not one`,
    };
  }
  if (clause.operator === 'REGEX MATCH' || clause.operator === 'NOT REGEX MATCH') {
    try {
      // No `u` flag: Microsoft's own example `.*\@domain.com` uses an escape unicode mode rejects.
      new RegExp(value);
    } catch (error) {
      return {
        member: 'value',
        message: `"${value}" is not a valid regular expression: ${(error as Error).message}`,
      };
    }
  }
  return undefined;
}

/**
 * Compiles scoping filters to one predicate, with Entra's semantics: filters are ORed, the
 * clauses of one filter ANDed, no filter means everything is in scope. Every clause that
 * compares a value is false on a null or empty value (NOT EQUALS and NOT REGEX MATCH too), and
 * on a multi-valued one, which Entra does not filter on. Comparisons are case-sensitive.
 *
 * @throws MappingValidationError when a clause is invalid (unknown operator, missing value,
 *   non-integer for Greater_Than, regular expression that does not compile).
 */
export function compileScoping(filters: readonly ScopingFilter[]): (source: SourceObject) => boolean {
  const issues = validateScoping(filters, 'scoping');
  if (issues.length > 0) throw new MappingValidationError(issues);
  if (filters.length === 0) return () => true;
  const compiled = filters.map((filter) =>
    filter.clauses.map((clause) => ({ attribute: clause.attribute, test: compileClause(clause) })),
  );
  return (source) =>
    compiled.some((clauses) => clauses.every(({ attribute, test }) => test(source[attribute])));
}

function compileClause(clause: ScopingClause): ClausePredicate {
  const expected = clause.value ?? '';
  switch (clause.operator) {
    case 'IS NULL':
      return (value) => isEmpty(value);
    case 'IS NOT NULL':
      return (value) => !isEmpty(value);
    case 'IS TRUE':
      return (value) => asBoolean(value) === true;
    case 'IS FALSE':
      return (value) => asBoolean(value) === false;
    case 'EQUALS':
      return text((actual) => actual === expected);
    case 'NOT EQUALS':
      return text((actual) => actual !== expected);
    case 'Includes':
      return text((actual) => actual.includes(expected));
    // Microsoft: "&" is true when the attribute's value exists in the clause's value (the
    // clause value is the haystack), "!&" when it does not.
    case '&':
      return text((actual) => expected.includes(actual));
    case '!&':
      return text((actual) => !expected.includes(actual));
    case 'ENDS_WITH':
      return text((actual) => actual.endsWith(expected));
    case 'Greater_Than': {
      const bound = BigInt(expected);
      return integer((actual) => actual > bound);
    }
    case 'Greater_Than_OR_EQUALS': {
      const bound = BigInt(expected);
      return integer((actual) => actual >= bound);
    }
    case 'REGEX MATCH': {
      const pattern = new RegExp(expected);
      return text((actual) => pattern.test(actual));
    }
    case 'NOT REGEX MATCH': {
      const pattern = new RegExp(expected);
      return text((actual) => !pattern.test(actual));
    }
  }
}

function isEmpty(value: ExpressionValue | undefined): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** Booleans, and the strings "True"/"False" in any case, as Graph and .NET print them. */
function asBoolean(value: ExpressionValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const lower = value.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** The value as the string Entra compares: scalars only, booleans as .NET prints them. */
function scalarText(value: ExpressionValue | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return undefined;
}

function text(test: (actual: string) => boolean): ClausePredicate {
  return (value) => {
    const actual = scalarText(value);
    return actual !== undefined && test(actual);
  };
}

function integer(test: (actual: bigint) => boolean): ClausePredicate {
  return (value) => {
    if (typeof value === 'number') return Number.isSafeInteger(value) && test(BigInt(value));
    if (typeof value === 'string' && INTEGER.test(value.trim())) return test(BigInt(value.trim()));
    return false;
  };
}
