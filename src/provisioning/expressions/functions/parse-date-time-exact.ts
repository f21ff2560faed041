import {
  fieldsFromTicks,
  inRange,
  ticksFromFields,
  TICKS_PER_MINUTE,
  validFields,
  type DateTimeValue,
} from './date-time-value.js';
import {
  checkCounts,
  DAY_NAMES,
  MONTH_NAMES,
  tokenizeDateTimeFormat,
  type FormatToken,
} from './format-tokens.js';

/** Cursor over the text being parsed. */
class Reader {
  position = 0;
  constructor(readonly text: string) {}

  digits(min: number, max: number): number | undefined {
    let j = this.position;
    while (j < this.text.length && j - this.position < max && /\d/.test(this.text.charAt(j))) j++;
    if (j - this.position < min) return undefined;
    const value = Number(this.text.slice(this.position, j));
    this.position = j;
    return value;
  }

  /** Matches one of `words` ignoring case; returns its index. */
  word(words: readonly string[]): number | undefined {
    const rest = this.text.slice(this.position).toLowerCase();
    let best: number | undefined;
    words.forEach((word, index) => {
      if (rest.startsWith(word.toLowerCase()) && (best === undefined || word.length > words[best]!.length))
        best = index;
    });
    if (best !== undefined) this.position += words[best]!.length;
    return best;
  }

  literal(text: string): boolean {
    if (!this.text.startsWith(text, this.position)) return false;
    this.position += text.length;
    return true;
  }

  /** `+h`, `-hh`, `+hh:mm`, `+hhmm`, in minutes. */
  offset(): number | undefined {
    const match = /^([+-])(\d{1,2})(?::?(\d{2}))?/.exec(this.text.slice(this.position));
    if (match === null) return undefined;
    const hours = Number(match[2]);
    const minutes = Number(match[3] ?? '0');
    if (hours > 14 || minutes > 59) return undefined;
    this.position += match[0].length;
    return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
}

/** Parsed parts; -1 for one the format did not contain. */
interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: number;
  pm: boolean | undefined;
  offsetMinutes: number | undefined;
  utc: boolean;
}

/**
 * Parses like .NET's DateTime.ParseExact(text, format, InvariantCulture, RoundtripKind |
 * AllowLeadingWhite | AllowTrailingWhite), Entra's default styles. A time with an offset is
 * converted to UTC. Missing date parts follow .NET: no date at all is today, a missing year
 * is this year, a missing month or day is 1.
 *
 * @returns the value, undefined when the text does not match, or `{ error }` for a bad format.
 */
export function parseDateTimeExact(
  text: string,
  format: string,
  now: DateTimeValue,
): DateTimeValue | undefined | { readonly error: string } {
  const tokens = tokenizeDateTimeFormat(format);
  if (typeof tokens === 'string') return { error: tokens };
  const countProblem = checkCounts(tokens);
  if (countProblem !== undefined) return { error: countProblem };
  const reader = new Reader(text.trim());
  const p: Parts = {
    year: -1,
    month: -1,
    day: -1,
    hour: -1,
    minute: -1,
    second: -1,
    fraction: -1,
    pm: undefined,
    offsetMinutes: undefined,
    utc: false,
  };
  for (const token of tokens) {
    if (!readToken(reader, token, p)) return undefined;
  }
  if (reader.position !== reader.text.length) return undefined;
  return buildValue(p, now);
}

function readToken(reader: Reader, token: FormatToken, p: Parts): boolean {
  if (token.kind === 'literal') {
    for (const c of token.text) {
      // .NET reads a 'Z' in the format as the UTC designator.
      if (c === 'Z') {
        if (!reader.literal('Z') && !reader.literal('z')) return false;
        p.utc = true;
        p.offsetMinutes = 0;
      } else if (/\s/.test(c)) {
        if (!/\s/.test(reader.text.charAt(reader.position))) return false;
        while (/\s/.test(reader.text.charAt(reader.position))) reader.position++;
      } else if (!reader.literal(c)) {
        return false;
      }
    }
    return true;
  }
  const n = token.count;
  const number = (min1: number, max1: number, exact: number): number | undefined =>
    n === 1 ? reader.digits(min1, max1) : reader.digits(exact, exact);
  let value: number | undefined;
  switch (token.letter) {
    case 'd':
      if (n >= 3) return reader.word(n === 3 ? DAY_NAMES.map((d) => d.slice(0, 3)) : DAY_NAMES) !== undefined;
      value = number(1, 2, 2);
      if (value === undefined) return false;
      p.day = value;
      return true;
    case 'M':
      if (n >= 3) {
        const index = reader.word(n === 3 ? MONTH_NAMES.map((m) => m.slice(0, 3)) : MONTH_NAMES);
        if (index === undefined) return false;
        p.month = index + 1;
        return true;
      }
      value = number(1, 2, 2);
      if (value === undefined) return false;
      p.month = value;
      return true;
    case 'y':
      value =
        n === 1
          ? reader.digits(1, 2)
          : n === 2
            ? reader.digits(2, 2)
            : reader.digits(n === 3 ? 3 : n, n === 3 ? 4 : n);
      if (value === undefined) return false;
      // The invariant calendar's two-digit year window ends at 2049.
      p.year = n <= 2 ? (value <= 49 ? 2000 + value : 1900 + value) : value;
      return true;
    case 'h':
    case 'H':
    case 'm':
    case 's':
      value = number(1, 2, 2);
      if (value === undefined) return false;
      if (token.letter === 'm') p.minute = value;
      else if (token.letter === 's') p.second = value;
      else {
        if (token.letter === 'h' && value > 12) return false;
        p.hour = value;
      }
      return true;
    case 'f':
    case 'F': {
      const start = reader.position;
      value = token.letter === 'f' ? reader.digits(n, n) : (reader.digits(0, n) ?? 0);
      if (value === undefined) return false;
      const length = reader.position - start;
      p.fraction = length === 0 ? 0 : value * 10 ** (7 - length);
      return true;
    }
    case 't': {
      const index = reader.word(n === 1 ? ['A', 'P'] : ['AM', 'PM']);
      if (index === undefined) return false;
      p.pm = index === 1;
      return true;
    }
    case 'z':
      value = reader.offset();
      if (value === undefined) return false;
      p.offsetMinutes = value;
      return true;
    case 'K':
      if (reader.literal('Z') || reader.literal('z')) {
        p.utc = true;
        p.offsetMinutes = 0;
        return true;
      }
      value = reader.offset();
      if (value !== undefined) p.offsetMinutes = value;
      return true;
    case 'g':
      return reader.word(['A.D.', 'AD']) !== undefined;
  }
  return false;
}

function buildValue(p: Parts, now: DateTimeValue): DateTimeValue | undefined {
  const today = fieldsFromTicks(now.ticks);
  let { year, month, day } = p;
  if (month === -1 && day === -1) {
    if (year === -1) ({ year, month, day } = today);
    else {
      month = 1;
      day = 1;
    }
  } else {
    if (year === -1) year = today.year;
    if (month === -1) month = 1;
    if (day === -1) day = 1;
  }
  let hour = p.hour === -1 ? 0 : p.hour;
  if (p.pm !== undefined) {
    if (hour > 12) return undefined;
    hour = (hour % 12) + (p.pm ? 12 : 0);
  }
  const fields = {
    year,
    month,
    day,
    hour,
    minute: p.minute === -1 ? 0 : p.minute,
    second: p.second === -1 ? 0 : p.second,
    fraction: p.fraction === -1 ? 0 : p.fraction,
  };
  if (!validFields(fields)) return undefined;
  const ticks = ticksFromFields(fields) - BigInt(p.offsetMinutes ?? 0) * TICKS_PER_MINUTE;
  if (!inRange(ticks)) return undefined;
  const kind = p.utc ? 'utc' : p.offsetMinutes === undefined ? 'unspecified' : 'local';
  return { ticks, kind };
}
