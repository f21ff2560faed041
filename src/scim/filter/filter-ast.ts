import type { AttributePath } from '../path/attribute-path.js';

/** RFC 7644 §3.4.2.2 comparison operators. */
export const COMPARISON_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export const LOGICAL_OPERATORS = ['and', 'or'] as const;
export type LogicalOperator = (typeof LOGICAL_OPERATORS)[number];

/**
 * `compValue = false / null / true / number / string` (RFC 7644 §3.4.2.2). dateTime values are
 * strings here; the evaluator compares them as instants when the attribute's type is dateTime.
 */
export type FilterLiteral = string | number | boolean | null;

/** `attrPath compareOp compValue` */
export interface ComparisonFilter {
  readonly kind: 'comparison';
  readonly path: AttributePath;
  readonly operator: ComparisonOperator;
  readonly value: FilterLiteral;
}

/** `attrPath "pr"` */
export interface PresentFilter {
  readonly kind: 'present';
  readonly path: AttributePath;
}

/** `filter ("and" / "or") filter`; "and" binds tighter than "or". */
export interface LogicalFilter {
  readonly kind: 'logical';
  readonly operator: LogicalOperator;
  readonly left: Filter;
  readonly right: Filter;
}

/** `"not" "(" filter ")"` */
export interface NotFilter {
  readonly kind: 'not';
  readonly filter: Filter;
}

/**
 * `attrPath "[" valFilter "]"`: true when one value of the multi-valued (or complex) attribute
 * satisfies `filter`, whose paths are relative to that value (sub-attribute names).
 */
export interface ValuePathFilter {
  readonly kind: 'valuePath';
  readonly path: AttributePath;
  readonly filter: Filter;
}

export type Filter = ComparisonFilter | PresentFilter | LogicalFilter | NotFilter | ValuePathFilter;
