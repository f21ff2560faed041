/** The comparison operators allowed in the condition of IIF and CBool. */
export const COMPARISON_OPERATORS = ['=', '<>', '>', '>=', '<', '<='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** Named constants of the language (VB's compare modes for InStr), with their VB values. */
export const EXPRESSION_CONSTANTS = { vbBinaryCompare: 0, vbTextCompare: 1 } as const;
export type ExpressionConstant = keyof typeof EXPRESSION_CONSTANTS;

/** `Name(arg, …)`; an argument left empty (`Replace([mail], "x", , , "", , )`) is an `empty` node. */
export interface CallNode {
  readonly kind: 'call';
  readonly name: string;
  readonly args: readonly ExpressionNode[];
}

/** `[attributeName]` */
export interface AttributeNode {
  readonly kind: 'attribute';
  readonly name: string;
}

/** `"text"`, with `\\` and `\"` already decoded. */
export interface StringNode {
  readonly kind: 'string';
  readonly value: string;
}

/** `42`, `-10` or `&HF7`; `radix` keeps how it was written, so printing gives the same form back. */
export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
  readonly radix: 10 | 16;
}

/** `vbBinaryCompare` or `vbTextCompare` */
export interface ConstantNode {
  readonly kind: 'constant';
  readonly name: ExpressionConstant;
}

/** `left op right`, only as the condition of IIF or CBool. */
export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

/** A positional argument left empty. */
export interface EmptyNode {
  readonly kind: 'empty';
}

export type ExpressionNode =
  CallNode | AttributeNode | StringNode | NumberNode | ConstantNode | ComparisonNode | EmptyNode;

/** A parsed expression: its source text and its tree. */
export interface Expression {
  readonly text: string;
  readonly root: ExpressionNode;
}

export const EMPTY_NODE: EmptyNode = Object.freeze({ kind: 'empty' });
