import type { AttributeDefinition } from '../schema/attribute.js';
import { parseDateTime } from './date-time.js';
import type { ValueTest } from './attribute-values.js';
import type { ComparisonOperator } from './filter-ast.js';

/** Operators whose test is the same for `ne` (the evaluator negates `eq` for `ne`). */
type TestOperator = Exclude<ComparisonOperator, 'ne'>;

/**
 * Compiles the test one scalar value must pass for `operator literal` (RFC 7644 §3.4.2.2):
 * strings honour `caseExact` (default: case-insensitive), dateTime strings compare as instants,
 * numbers numerically, booleans only for equality. `undefined` means no value can ever match.
 * Without a `definition`, a string is a dateTime when both it and the literal parse as one.
 */
export function compileValueTest(
  operator: TestOperator,
  literal: string | number | boolean,
  definition: AttributeDefinition | undefined,
): ValueTest | undefined {
  if (typeof literal === 'number') {
    const order = compileOrder(operator, literal);
    return order === undefined ? undefined : (value) => typeof value === 'number' && order(value);
  }
  if (typeof literal === 'boolean') return operator === 'eq' ? (value) => value === literal : undefined;
  const stringTest = compileStringTest(operator, literal, definition?.caseExact ?? false);
  const asInstant = definition === undefined || definition.type === 'dateTime';
  const instant = asInstant ? parseDateTime(literal) : undefined;
  const order = instant === undefined ? undefined : compileOrder(operator, instant);
  if (order === undefined) return (value) => typeof value === 'string' && stringTest(value);
  return (value) => {
    if (typeof value !== 'string') return false;
    const time = parseDateTime(value);
    return time === undefined ? stringTest(value) : order(time);
  };
}

function compileOrder(operator: TestOperator, literal: number): ((value: number) => boolean) | undefined {
  switch (operator) {
    case 'eq':
      return (value) => value === literal;
    case 'gt':
      return (value) => value > literal;
    case 'ge':
      return (value) => value >= literal;
    case 'lt':
      return (value) => value < literal;
    case 'le':
      return (value) => value <= literal;
    default:
      return undefined;
  }
}

function compileStringTest(
  operator: TestOperator,
  literal: string,
  caseExact: boolean,
): (value: string) => boolean {
  if (caseExact) {
    switch (operator) {
      case 'eq':
        return (value) => value === literal;
      case 'co':
        return (value) => value.includes(literal);
      case 'sw':
        return (value) => value.startsWith(literal);
      case 'ew':
        return (value) => value.endsWith(literal);
      case 'gt':
        return (value) => value > literal;
      case 'ge':
        return (value) => value >= literal;
      case 'lt':
        return (value) => value < literal;
      case 'le':
        return (value) => value <= literal;
    }
  }
  const lower = literal.toLowerCase();
  switch (operator) {
    case 'eq':
      return (value) => value === literal || value.toLowerCase() === lower;
    case 'co':
      return (value) => value.toLowerCase().includes(lower);
    case 'sw':
      return (value) => value.toLowerCase().startsWith(lower);
    case 'ew':
      return (value) => value.toLowerCase().endsWith(lower);
    case 'gt':
      return (value) => value.toLowerCase() > lower;
    case 'ge':
      return (value) => value.toLowerCase() >= lower;
    case 'lt':
      return (value) => value.toLowerCase() < lower;
    case 'le':
      return (value) => value.toLowerCase() <= lower;
  }
}
