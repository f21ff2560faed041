const CACHE_LIMIT = 200;
const cache = new Map<string, RegExp>();

/**
 * Compiles a .NET regular expression for JavaScript. The common syntax is shared; this maps the
 * .NET-only pieces Entra users write: `(?'name'…)` groups, `\A` `\z` `\Z` anchors, a leading
 * `(?i)`, and `\p{…}` classes (which need the `u` flag).
 *
 * @throws SyntaxError when JavaScript cannot compile the result.
 */
export function compileDotNetRegex(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  let source = pattern;
  let flags = 'gd';
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null && !inline[1]!.includes('x')) {
    for (const flag of inline[1]!) if (!flags.includes(flag)) flags += flag;
    source = source.slice(inline[0].length);
  }
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\' && i + 1 < source.length) {
      const next = source.charAt(i + 1);
      out += next === 'A' ? '^' : next === 'z' ? '$' : next === 'Z' ? '(?=\\n?$)' : c + next;
      i++;
    } else if (c === '(' && source.startsWith("?'", i + 1)) {
      const end = source.indexOf("'", i + 3);
      if (end < 0) throw new SyntaxError('unclosed group name');
      out += `(?<${source.slice(i + 3, end)}>`;
      i = end;
    } else {
      out += c;
    }
  }
  if (/\\[pP]\{/.test(out)) flags += 'u';
  const regex = new RegExp(out, flags);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(pattern, regex);
  return regex;
}

/** Expands a .NET replacement pattern (`${name}`, `$1`, `$$`, `$&`, `` $` ``, `$'`, `$+`, `$_`) for one match. */
export function expandDotNetReplacement(replacement: string, match: RegExpExecArray, input: string): string {
  if (!replacement.includes('$')) return replacement;
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement.charAt(i);
    if (c !== '$' || i + 1 >= replacement.length) {
      out += c;
      continue;
    }
    const next = replacement.charAt(i + 1);
    if (next === '$') {
      out += '$';
      i++;
    } else if (next === '&') {
      out += match[0];
      i++;
    } else if (next === '`') {
      out += input.slice(0, match.index);
      i++;
    } else if (next === "'") {
      out += input.slice(match.index + match[0].length);
      i++;
    } else if (next === '_') {
      out += input;
      i++;
    } else if (next === '+') {
      out += match.length > 1 ? (match[match.length - 1] ?? '') : '';
      i++;
    } else if (next === '{') {
      const end = replacement.indexOf('}', i + 2);
      const name = end < 0 ? '' : replacement.slice(i + 2, end);
      const group = /^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name];
      if (end < 0 || (group === undefined && !(name in (match.groups ?? {})) && !/^\d+$/.test(name))) {
        out += c;
      } else {
        out += group ?? '';
        i = end;
      }
    } else if (/\d/.test(next)) {
      // The longest group number that exists, as .NET reads `$12` when there are 12 groups.
      let j = i + 1;
      while (j < replacement.length && /\d/.test(replacement.charAt(j))) j++;
      let digits = replacement.slice(i + 1, j);
      while (digits.length > 1 && Number(digits) >= match.length) digits = digits.slice(0, -1);
      if (Number(digits) < match.length) {
        out += match[Number(digits)] ?? '';
        i += digits.length;
      } else {
        out += c;
      }
    } else {
      out += c;
    }
  }
  return out;
}
