import type { ExpressionValue } from './value-conversion.js';

/** Returned by evaluateExpression when IgnoreFlowIfNullOrEmpty drops the attribute from the flow. */
export const IGNORE_FLOW: unique symbol = Symbol('scimsync.expression.ignoreFlow');

export type EvaluationResult = ExpressionValue | typeof IGNORE_FLOW;

/** What an expression reads from outside: the source object, the clock, and randomness. */
export interface EvaluationContext {
  /** The source attribute's value; undefined or null when absent. Names as written in [..]. */
  attribute(name: string): ExpressionValue | undefined;
  /** Now(), and DateAdd when its date is left empty. */
  now(): Date;
  /** A number in [0, 1), for RandomString. */
  random(): number;
  /** A new GUID, for Guid(). */
  newGuid(): string;
}
