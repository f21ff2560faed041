import type { Expression, ExpressionNode } from './expression-ast.js';

/** What the engine needs to know about an expression without evaluating it. */
export interface ExpressionInfo {
  /** Attribute names used, deduplicated, in order of appearance. */
  readonly references: readonly string[];
  /** The whole expression is Redact(…): logs show "[Redact]" instead of the value. */
  readonly redacted: boolean;
  /** The whole expression is SelectUniqueValue(…): see evaluateCandidates. */
  readonly selectUniqueValue: boolean;
}

export function expressionInfo(expression: Expression): ExpressionInfo {
  const references = new Set<string>();
  const visit = (node: ExpressionNode): void => {
    switch (node.kind) {
      case 'attribute':
        references.add(node.name);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
      case 'comparison':
        visit(node.left);
        visit(node.right);
        return;
      case 'string':
      case 'number':
      case 'constant':
      case 'empty':
        return;
    }
  };
  visit(expression.root);
  const root = expression.root;
  return Object.freeze({
    references: Object.freeze([...references]),
    redacted: root.kind === 'call' && root.name === 'Redact',
    selectUniqueValue: root.kind === 'call' && root.name === 'SelectUniqueValue',
  });
}
