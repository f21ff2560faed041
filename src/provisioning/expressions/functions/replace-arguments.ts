import type { ExpressionNode } from '../expression-ast.js';

/** Positions of Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template). */
export const ReplaceArgument = {
  source: 0,
  oldValue: 1,
  regexPattern: 2,
  regexGroupName: 3,
  replacementValue: 4,
  replacementAttributeName: 5,
  template: 6,
} as const;
type ReplaceArgumentName = keyof typeof ReplaceArgument;

/** The ways Replace works, named after the arguments each needs (Microsoft's reference, "Replace"). */
export const REPLACE_MODES = [
  'oldValueTemplate',
  'oldValueReplacement',
  'regexGroupAttribute',
  'regexGroupReplacement',
  'regexReplacement',
] as const;
export type ReplaceMode = (typeof REPLACE_MODES)[number];

const MODE_ARGUMENTS: Readonly<Record<ReplaceMode, readonly ReplaceArgumentName[]>> = {
  oldValueTemplate: ['oldValue', 'template'],
  oldValueReplacement: ['oldValue', 'replacementValue'],
  regexGroupAttribute: ['regexPattern', 'regexGroupName', 'replacementAttributeName'],
  regexGroupReplacement: ['regexPattern', 'regexGroupName', 'replacementValue'],
  regexReplacement: ['regexPattern', 'replacementValue'],
};

const given = (args: readonly ExpressionNode[]): Set<ReplaceArgumentName> => {
  const names = new Set<ReplaceArgumentName>();
  for (const [name, index] of Object.entries(ReplaceArgument) as [ReplaceArgumentName, number][]) {
    const node = args[index];
    if (node !== undefined && node.kind !== 'empty') names.add(name);
  }
  return names;
};

/** The mode that the given (non-empty) arguments select, or undefined when they fit none. */
export function replaceMode(args: readonly ExpressionNode[]): ReplaceMode | undefined {
  const present = given(args);
  present.delete('source');
  return REPLACE_MODES.find((mode) => {
    const wanted = MODE_ARGUMENTS[mode];
    return wanted.length === present.size && wanted.every((name) => present.has(name));
  });
}

/** Why Replace's arguments fit none of its modes, or undefined when they fit one. */
export function checkReplaceArguments(args: readonly ExpressionNode[]): string | undefined {
  if (args[ReplaceArgument.source]?.kind === 'empty') return 'Replace needs a source (its first argument)';
  if (replaceMode(args) !== undefined) return undefined;
  return (
    'Replace needs exactly one of these sets of arguments: oldValue and replacementValue; oldValue and ' +
    'template; regexPattern and replacementValue; regexPattern, regexGroupName and replacementValue; ' +
    'regexPattern, regexGroupName and replacementAttributeName'
  );
}
