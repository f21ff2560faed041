/** The expression text does not follow the grammar, or breaks a rule the parser checks. */
export class ExpressionSyntaxError extends Error {
  override readonly name = 'ExpressionSyntaxError';
  readonly code = 'SCIMSYNC_ERR_EXPRESSION_SYNTAX';
  /** 0-based offset of the fault in `expression`. */
  readonly position: number;
  readonly expression: string;

  /** `detail` says what was expected; the 1-based column is appended here. */
  constructor(detail: string, position: number, expression: string) {
    super(`${detail} at column ${position + 1}`);
    this.position = position;
    this.expression = expression;
  }
}

/** A function met a value it cannot work with, e.g. CDate of a non-date or Item out of range. */
export class ExpressionEvaluationError extends Error {
  override readonly name = 'ExpressionEvaluationError';
  readonly code = 'SCIMSYNC_ERR_EXPRESSION_EVALUATION';
  readonly functionName: string;

  constructor(functionName: string, detail: string, options?: { readonly cause?: unknown }) {
    super(`${functionName}: ${detail}`, options);
    this.functionName = functionName;
  }
}
