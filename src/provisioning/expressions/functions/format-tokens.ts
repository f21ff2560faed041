/** Letters that are specifiers in .NET custom date and time format strings. */
const SPECIFIER_LETTERS = 'dfFghHKmMstyz';

export type FormatToken =
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'literal'; readonly text: string };

/**
 * Splits a .NET custom date and time format string into fields (`yyyy`, `MM`, `f`…) and literal
 * text: quoted 'text' or "text", `\x`, `%x` for a lone specifier, and any other character.
 * `:` and `/` are the invariant culture's separators, so they stay literal.
 *
 * @returns the tokens, or a string saying what is wrong with the format.
 */
export function tokenizeDateTimeFormat(format: string): FormatToken[] | string {
  const tokens: FormatToken[] = [];
  const literal = (text: string): void => {
    const last = tokens.at(-1);
    if (last?.kind === 'literal') tokens[tokens.length - 1] = { kind: 'literal', text: last.text + text };
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format.charAt(i);
    if (SPECIFIER_LETTERS.includes(c)) {
      let j = i + 1;
      while (format.charAt(j) === c) j++;
      tokens.push({ kind: 'field', letter: c, count: j - i });
      i = j;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < format.length && format.charAt(j) !== c) {
        if (format.charAt(j) === '\\' && j + 1 < format.length) j++;
        text += format.charAt(j);
        j++;
      }
      if (j >= format.length) return `the format has an unclosed ${c} quote`;
      literal(text);
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= format.length) return 'the format ends with a lone "\\"';
      literal(format.charAt(i + 1));
      i += 2;
    } else if (c === '%') {
      const next = format.charAt(i + 1);
      if (!SPECIFIER_LETTERS.includes(next) || next === '' || format.charAt(i + 2) === next) {
        return 'in the format, "%" must be followed by a single format specifier';
      }
      tokens.push({ kind: 'field', letter: next, count: 1 });
      i += 2;
    } else {
      literal(c);
      i++;
    }
  }
  return tokens;
}

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const DAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** The largest repeat count of each specifier (.NET rejects longer runs, e.g. 8 f's). */
const MAX_COUNT: Readonly<Record<string, number>> = {
  f: 7,
  F: 7,
  h: 2,
  H: 2,
  m: 2,
  s: 2,
  t: 2,
  z: 3,
  K: 1,
  g: 2,
};

export function checkCounts(tokens: readonly FormatToken[]): string | undefined {
  for (const token of tokens) {
    if (token.kind !== 'field') continue;
    const max = MAX_COUNT[token.letter];
    if (max !== undefined && token.count > max) {
      return `"${token.letter.repeat(token.count)}" is not a valid format specifier`;
    }
  }
  return undefined;
}
