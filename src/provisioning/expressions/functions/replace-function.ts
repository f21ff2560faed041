import type { ExpressionNode } from '../expression-ast.js';
import { compileDotNetRegex, expandDotNetReplacement } from './dotnet-regex.js';
import type { FunctionCall, FunctionTable } from './function-call.js';
import { ReplaceArgument, replaceMode } from './replace-arguments.js';

function regex(call: FunctionCall): RegExp {
  const pattern = call.text(ReplaceArgument.regexPattern) ?? '';
  try {
    return compileDotNetRegex(pattern);
  } catch (error) {
    throw call.fail(`regexPattern ${JSON.stringify(pattern)} is not a valid regular expression`, error);
  }
}

function groupName(call: FunctionCall, compiled: RegExp): string {
  const name = call.text(ReplaceArgument.regexGroupName) ?? '';
  // A probe on "" may not match; the group list comes from the source instead.
  const groups = new RegExp(`${compiled.source}|`, compiled.flags.replace('g', '')).exec('')?.groups ?? {};
  if (!(name in groups)) throw call.fail(`regexPattern has no group named ${JSON.stringify(name)}`);
  return name;
}

/** Replaces, in every match, the span of group `name` with `replacement`. */
function replaceGroup(source: string, compiled: RegExp, name: string, replacement: string): string {
  let out = '';
  let last = 0;
  for (const match of source.matchAll(compiled)) {
    const span = match.indices?.groups?.[name];
    if (span === undefined) continue;
    out += source.slice(last, span[0]) + replacement;
    last = span[1];
  }
  return out + source.slice(last);
}

export const REPLACE_FUNCTIONS: FunctionTable<'Replace'> = {
  Replace: (call) => {
    const mode = replaceMode(argumentsOf(call));
    const source = call.text(ReplaceArgument.source);
    switch (mode) {
      case 'oldValueTemplate': {
        if (source === null) return null;
        const template = call.text(ReplaceArgument.template) ?? '';
        const oldValue = call.text(ReplaceArgument.oldValue) ?? '';
        return oldValue === '' ? template : template.replaceAll(oldValue, source);
      }
      case 'oldValueReplacement': {
        if (source === null) return null;
        const oldValue = call.text(ReplaceArgument.oldValue) ?? '';
        const replacement = call.text(ReplaceArgument.replacementValue) ?? '';
        return oldValue === '' ? source : source.replaceAll(oldValue, replacement);
      }
      case 'regexGroupAttribute': {
        if (source !== null && source !== '') return source;
        const compiled = regex(call);
        const name = groupName(call, compiled);
        const fallback = call.text(ReplaceArgument.replacementAttributeName);
        if (fallback === null) return null;
        const first: RegExpExecArray | undefined = fallback.matchAll(compiled).next().value;
        return first?.groups?.[name] ?? null;
      }
      case 'regexGroupReplacement': {
        const compiled = regex(call);
        const name = groupName(call, compiled);
        if (source === null) return null;
        return replaceGroup(source, compiled, name, call.text(ReplaceArgument.replacementValue) ?? '');
      }
      case 'regexReplacement': {
        const compiled = regex(call);
        if (source === null) return null;
        const replacement = call.text(ReplaceArgument.replacementValue) ?? '';
        let out = '';
        let last = 0;
        for (const match of source.matchAll(compiled)) {
          out += source.slice(last, match.index) + expandDotNetReplacement(replacement, match, source);
          last = match.index + match[0].length;
        }
        return out + source.slice(last);
      }
      case undefined:
        // The parser rejects these combinations; a hand-built tree may still carry one.
        throw call.fail('the given arguments fit none of the ways Replace works');
    }
  },
};

/** Replace's arguments as written, for telling its mode (only presence matters). */
function argumentsOf(call: FunctionCall): ExpressionNode[] {
  return Array.from({ length: call.count }, (_, i) => (call.present(i) ? PRESENT : ABSENT));
}
const PRESENT: ExpressionNode = { kind: 'string', value: '' };
const ABSENT: ExpressionNode = { kind: 'empty' };
