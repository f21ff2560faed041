import {
  EXPRESSION_CONSTANTS,
  type ComparisonNode,
  type ComparisonOperator,
  type Expression,
  type ExpressionNode,
} from './expression-ast.js';
import { IGNORE_FLOW, type EvaluationContext, type EvaluationResult } from './evaluation-context.js';
import { isFunctionName } from './function-signatures.js';
import { FunctionCall, FUNCTIONS, IgnoreFlowSignal } from './functions/index.js';
import { ExpressionEvaluationError } from './expression-errors.js';
import { isEmptyValue, toNumberOrUndefined, toText, type ExpressionValue } from './value-conversion.js';

/**
 * Evaluates a parsed expression against one source object.
 *
 * @returns the value, or IGNORE_FLOW when IgnoreFlowIfNullOrEmpty drops the attribute.
 * @throws ExpressionEvaluationError when a function cannot work with its arguments.
 */
export function evaluateExpression(expression: Expression, context: EvaluationContext): EvaluationResult {
  try {
    return evaluateNode(expression.root, context);
  } catch (error) {
    if (error instanceof IgnoreFlowSignal) return IGNORE_FLOW;
    throw error;
  }
}

/**
 * The candidates of a top-level SelectUniqueValue, in order, each evaluated, with empty ones (and
 * ones IgnoreFlowIfNullOrEmpty drops) left out; the engine picks the first not yet used in the
 * target. Any other expression gives a one-element list of its value.
 */
export function evaluateCandidates(expression: Expression, context: EvaluationContext): ExpressionValue[] {
  const root = expression.root;
  if (root.kind !== 'call' || root.name !== 'SelectUniqueValue') {
    const value = evaluateExpression(expression, context);
    return [value === IGNORE_FLOW ? null : value];
  }
  const candidates: ExpressionValue[] = [];
  for (const arg of root.args) {
    const value = evaluateExpression({ text: expression.text, root: arg }, context);
    if (value !== IGNORE_FLOW && !isEmptyValue(value)) candidates.push(value);
  }
  return candidates;
}

function evaluateNode(node: ExpressionNode, context: EvaluationContext): ExpressionValue {
  switch (node.kind) {
    case 'attribute':
      return context.attribute(node.name) ?? null;
    case 'string':
    case 'number':
      return node.value;
    case 'constant':
      return EXPRESSION_CONSTANTS[node.name];
    case 'empty':
      return null;
    case 'comparison':
      // The parser allows comparisons only as IIF's or CBool's condition; name the function.
      return compare(node, context, 'IIF');
    case 'call': {
      if (!isFunctionName(node.name)) {
        throw new ExpressionEvaluationError(node.name, 'is not a function of the expression language');
      }
      const name = node.name;
      const evaluate = (arg: ExpressionNode): ExpressionValue =>
        arg.kind === 'comparison' ? compare(arg, context, name) : evaluateNode(arg, context);
      return FUNCTIONS[node.name](new FunctionCall(node.name, node.args, context, evaluate));
    }
  }
}

const ORDER_TESTS: Readonly<Record<ComparisonOperator, (order: number) => boolean>> = {
  '=': (order) => order === 0,
  '<>': (order) => order !== 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
};

/**
 * `left op right` in a condition. Equality compares string forms case-sensitively; ordering is
 * numeric when both sides are numbers, ordinal on text otherwise. A null side makes the
 * condition false, as the reference warns ("the condition check fails").
 */
function compare(node: ComparisonNode, context: EvaluationContext, functionName: string): boolean {
  const left = evaluateNode(node.left, context);
  const right = evaluateNode(node.right, context);
  if (left === null || right === null) return false;
  let order: number;
  const leftNumber = toNumberOrUndefined(left);
  const rightNumber = toNumberOrUndefined(right);
  if (
    node.operator !== '=' &&
    node.operator !== '<>' &&
    leftNumber !== undefined &&
    rightNumber !== undefined
  ) {
    order = Math.sign(leftNumber - rightNumber);
  } else {
    const a = toText(left, functionName) ?? '';
    const b = toText(right, functionName) ?? '';
    order = a === b ? 0 : a < b ? -1 : 1;
  }
  return ORDER_TESTS[node.operator](order);
}
