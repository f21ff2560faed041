import { parseDateTime, type AttributeDefinition, type ComparisonOperator } from '../../scim/index.js';

/**
 * A comparison against a value every resource of the query has (e.g. `meta.resourceType`),
 * decided while compiling: the in-memory evaluator's rules for one string value.
 */
export function compareConstant(
  value: string,
  definition: AttributeDefinition,
  operator: Exclude<ComparisonOperator, 'ne'>,
  literal: string | number | boolean,
): boolean {
  if (typeof literal !== 'string') return false;
  if (definition.type === 'dateTime') {
    const a = parseDateTime(value);
    const b = parseDateTime(literal);
    if (a !== undefined && b !== undefined && operator !== 'co' && operator !== 'sw' && operator !== 'ew') {
      return order(a, b, operator);
    }
  }
  const left = definition.caseExact ? value : value.toLowerCase();
  const right = definition.caseExact ? literal : literal.toLowerCase();
  switch (operator) {
    case 'co':
      return left.includes(right);
    case 'sw':
      return left.startsWith(right);
    case 'ew':
      return left.endsWith(right);
    default:
      return order(left, right, operator);
  }
}

function order<T extends string | number>(a: T, b: T, operator: 'eq' | 'gt' | 'ge' | 'lt' | 'le'): boolean {
  switch (operator) {
    case 'eq':
      return a === b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}
