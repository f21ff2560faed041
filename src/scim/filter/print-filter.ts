import { invalidFilter } from '../errors/scim-error.js';
import { printAttributePath } from '../path/print-path.js';
import type { Filter, FilterLiteral, LogicalOperator } from './filter-ast.js';

const PRECEDENCE: Readonly<Record<LogicalOperator, number>> = { or: 1, and: 2 };

/**
 * Prints a filter in canonical form: lowercase operators, JSON string literals, URN prefixes kept,
 * and parentheses only where precedence or grouping needs them (RFC 7644 §3.4.2.2), so that
 * `parseFilter(printFilter(ast))` rebuilds `ast` exactly.
 *
 * @example
 * printFilter(parseFilter('userType EQ "Employee" AND (emails.type eq "work")'));
 * // 'userType eq "Employee" and emails.type eq "work"'
 */
export function printFilter(filter: Filter): string {
  return print(filter, 0);
}

/** Prints a comparison value as the filter grammar writes it (JSON literal). */
export function printFilterLiteral(value: FilterLiteral): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw invalidFilter(`cannot print the non-finite number ${value} in a filter`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  return String(value);
}

function print(node: Filter, minPrecedence: number): string {
  switch (node.kind) {
    case 'comparison':
      return `${printAttributePath(node.path)} ${node.operator} ${printFilterLiteral(node.value)}`;
    case 'present':
      return `${printAttributePath(node.path)} pr`;
    case 'not':
      return `not (${print(node.filter, 0)})`;
    case 'valuePath':
      return `${printAttributePath(node.path)}[${print(node.filter, 0)}]`;
    case 'logical': {
      // Walk the left spine in a loop: parsed and/or chains are left-deep and may be thousands long.
      const operator = node.operator;
      const precedence = PRECEDENCE[operator];
      const rights: Filter[] = [];
      let left: Filter = node;
      while (left.kind === 'logical' && left.operator === operator) {
        rights.push(left.right);
        left = left.left;
      }
      let text = print(left, precedence);
      for (let i = rights.length - 1; i >= 0; i--) {
        text += ` ${operator} ${print(rights[i]!, precedence + 1)}`;
      }
      return precedence < minPrecedence ? `(${text})` : text;
    }
  }
}
