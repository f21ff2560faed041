import type { ExpressionNode } from '../expression-ast.js';
import { ExpressionEvaluationError } from '../expression-errors.js';
import type { EvaluationContext } from '../evaluation-context.js';
import type { FunctionName } from '../function-signatures.js';
import { toInteger, toText, type ExpressionValue } from '../value-conversion.js';

/**
 * One call as a function implementation sees it. Arguments are evaluated only when asked for,
 * so IIF, Switch and Coalesce evaluate just the branches they take.
 */
export class FunctionCall {
  readonly name: FunctionName;
  readonly context: EvaluationContext;
  readonly #args: readonly ExpressionNode[];
  readonly #evaluate: (node: ExpressionNode) => ExpressionValue;

  constructor(
    name: FunctionName,
    args: readonly ExpressionNode[],
    context: EvaluationContext,
    evaluate: (node: ExpressionNode) => ExpressionValue,
  ) {
    this.name = name;
    this.#args = args;
    this.context = context;
    this.#evaluate = evaluate;
  }

  get count(): number {
    return this.#args.length;
  }

  /** True when argument `index` was written (not left empty or off). */
  present(index: number): boolean {
    const node = this.#args[index];
    return node !== undefined && node.kind !== 'empty';
  }

  /** The value of argument `index`; null when it is left empty or off. */
  value(index: number): ExpressionValue {
    const node = this.#args[index];
    return node === undefined ? null : this.#evaluate(node);
  }

  /** The string form of argument `index` (booleans as "True"/"False"), or null. */
  text(index: number): string | null {
    return toText(this.value(index), this.name);
  }

  integer(index: number, what: string): number {
    return toInteger(this.value(index), this.name, what);
  }

  fail(detail: string, cause?: unknown): ExpressionEvaluationError {
    return new ExpressionEvaluationError(this.name, detail, cause === undefined ? undefined : { cause });
  }
}

export type FunctionImplementation = (call: FunctionCall) => ExpressionValue;
export type FunctionTable<Name extends FunctionName> = Readonly<Record<Name, FunctionImplementation>>;
