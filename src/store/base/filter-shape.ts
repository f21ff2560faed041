import type { AttributePath, Filter } from '../../scim/index.js';
import { canonicalDateTime } from './resource-plan.js';

/** A filter with its string literals taken out: same key, same SQL up to those literals. */
export interface FilterShape {
  readonly key: string;
  readonly literals: readonly string[];
}

/**
 * The filter's shape key and string literals, in a fixed order. The key keeps everything but the
 * string literals' text, and notes for each whether it reads as a dateTime: the SQL compiler
 * binds a dateTime literal as its canonical instant, so the two kinds must not share SQL.
 */
export function filterShape(filter: Filter): FilterShape {
  const literals: string[] = [];
  const path = (p: AttributePath): string =>
    JSON.stringify([p.schema ?? null, p.attribute, p.subAttribute ?? null]);
  const shape = (node: Filter): string => {
    switch (node.kind) {
      case 'comparison': {
        const { value } = node;
        if (typeof value !== 'string') {
          return `(${path(node.path)} ${node.operator} ${JSON.stringify(value)})`;
        }
        literals.push(value);
        const kind = canonicalDateTime(value) === undefined ? 'string' : 'dateTime';
        return `(${path(node.path)} ${node.operator} ${kind})`;
      }
      case 'logical':
        return `(${shape(node.left)} ${node.operator} ${shape(node.right)})`;
      case 'not':
        return `(not ${shape(node.filter)})`;
      case 'valuePath':
        return `(${path(node.path)}[${shape(node.filter)}])`;
      case 'present':
        return `(${path(node.path)} pr)`;
    }
  };
  return { key: shape(filter), literals };
}

/** The filter with its string literals (in {@link filterShape}'s order) replaced by `literals`. */
export function withLiterals(filter: Filter, literals: readonly string[]): Filter {
  let next = 0;
  const replace = (node: Filter): Filter => {
    switch (node.kind) {
      case 'comparison':
        return typeof node.value === 'string' ? { ...node, value: literals[next++] ?? '' } : node;
      case 'logical': {
        const left = replace(node.left);
        return { ...node, left, right: replace(node.right) };
      }
      case 'not':
        return { ...node, filter: replace(node.filter) };
      case 'valuePath':
        return { ...node, filter: replace(node.filter) };
      case 'present':
        return node;
    }
  };
  return replace(filter);
}
