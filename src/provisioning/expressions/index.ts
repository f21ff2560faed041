export type {
  AttributeNode,
  CallNode,
  ComparisonNode,
  ComparisonOperator,
  ConstantNode,
  EmptyNode,
  Expression,
  ExpressionConstant,
  ExpressionNode,
  NumberNode,
  StringNode,
} from './expression-ast.js';
export { COMPARISON_OPERATORS, EXPRESSION_CONSTANTS } from './expression-ast.js';
export { ExpressionEvaluationError, ExpressionSyntaxError } from './expression-errors.js';
export { EXPRESSION_MAX_DEPTH, EXPRESSION_MAX_LENGTH, parseExpression } from './expression-parser.js';
export { IGNORE_FLOW, type EvaluationContext, type EvaluationResult } from './evaluation-context.js';
export { evaluateCandidates, evaluateExpression } from './evaluate-expression.js';
export { expressionInfo, type ExpressionInfo } from './expression-info.js';
export { EXPRESSION_FUNCTIONS, type FunctionName } from './function-signatures.js';
export { printExpression, printStringConstant } from './print-expression.js';
export type { ExpressionValue } from './value-conversion.js';
