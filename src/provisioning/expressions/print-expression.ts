import type { ExpressionNode } from './expression-ast.js';

/** Writes a string constant, escaping `\` and `"` as the grammar requires. */
export function printStringConstant(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Prints an expression tree in canonical form (`Name(a, b)`, empty arguments as nothing between
 * commas), so that `parseExpression(printExpression(node)).root` equals `node`.
 */
export function printExpression(node: ExpressionNode): string {
  switch (node.kind) {
    case 'call':
      return `${node.name}(${node.args.map(printExpression).join(', ')})`;
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return printStringConstant(node.value);
    case 'number':
      // BigInt prints large integers in full, where String() would switch to exponent form.
      return node.radix === 16
        ? `&H${BigInt(node.value).toString(16).toUpperCase()}`
        : BigInt(node.value).toString();
    case 'constant':
      return node.name;
    case 'comparison':
      return `${printExpression(node.left)} ${node.operator} ${printExpression(node.right)}`;
    case 'empty':
      return '';
  }
}
