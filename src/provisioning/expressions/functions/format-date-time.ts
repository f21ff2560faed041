import { fieldsFromTicks, type DateTimeValue } from './date-time-value.js';
import { checkCounts, DAY_NAMES, MONTH_NAMES, tokenizeDateTimeFormat } from './format-tokens.js';

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/**
 * Formats like .NET's DateTime.ToString(format, CultureInfo.InvariantCulture).
 *
 * @returns the text, or `{ error }` when the format is invalid.
 */
export function formatDateTime(value: DateTimeValue, format: string): string | { readonly error: string } {
  const tokens = tokenizeDateTimeFormat(format);
  if (typeof tokens === 'string') return { error: tokens };
  const countProblem = checkCounts(tokens);
  if (countProblem !== undefined) return { error: countProblem };
  const f = fieldsFromTicks(value.ticks);
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.count;
    switch (token.letter) {
      case 'd':
        out +=
          n === 1
            ? String(f.day)
            : n === 2
              ? pad(f.day, 2)
              : n === 3
                ? DAY_NAMES[f.dayOfWeek]!.slice(0, 3)
                : DAY_NAMES[f.dayOfWeek]!;
        break;
      case 'M':
        out +=
          n === 1
            ? String(f.month)
            : n === 2
              ? pad(f.month, 2)
              : n === 3
                ? MONTH_NAMES[f.month - 1]!.slice(0, 3)
                : MONTH_NAMES[f.month - 1]!;
        break;
      case 'y':
        out += n === 1 ? String(f.year % 100) : n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'h':
        out += n === 1 ? String(f.hour % 12 || 12) : pad(f.hour % 12 || 12, 2);
        break;
      case 'H':
        out += n === 1 ? String(f.hour) : pad(f.hour, 2);
        break;
      case 'm':
        out += n === 1 ? String(f.minute) : pad(f.minute, 2);
        break;
      case 's':
        out += n === 1 ? String(f.second) : pad(f.second, 2);
        break;
      case 'f':
        out += pad(f.fraction, 7).slice(0, n);
        break;
      case 'F': {
        const digits = pad(f.fraction, 7).slice(0, n).replace(/0+$/, '');
        // .NET drops the '.' before an all-zero F fraction.
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't':
        out += (f.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
        break;
      case 'z':
        // The value is in the server's time zone, which is UTC.
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
      case 'K':
        out += value.kind === 'utc' ? 'Z' : value.kind === 'local' ? '+00:00' : '';
        break;
      case 'g':
        out += 'A.D.';
        break;
    }
  }
  return out;
}
