/**
 * Reads an xsd:dateTime / RFC 3339 date-time (`2011-05-13T04:42:34Z`, `…34.5+02:00`; RFC 7643 §2.3.5)
 * as milliseconds since the epoch, fractions kept. A missing offset means UTC. `undefined` when
 * `text` is not such a date-time. Hand-written: it runs once per compared value.
 *
 * @example
 * parseDateTime('2011-05-13T06:42:34+02:00') === parseDateTime('2011-05-13T04:42:34Z'); // true
 */
export function parseDateTime(text: string): number | undefined {
  const length = text.length;
  if (length < 19 || length > 64) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const separator = text.charCodeAt(10) | 0x20;
  if (
    year < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 60 ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    separator !== 116 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  let i = 19;
  let fraction = 0;
  if (i < length && text.charCodeAt(i) === 46) {
    const start = ++i;
    let scale = 100;
    while (i < length) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fraction += d * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return undefined;
  }
  let offsetMinutes = 0;
  if (i < length) {
    const zone = text.charCodeAt(i);
    if ((zone | 0x20) === 122) i++;
    else if (zone === 43 || zone === 45) {
      const offsetHour = digits(text, i + 1, 2);
      const offsetMinute = digits(text, i + 4, 2);
      if (
        offsetHour < 0 ||
        offsetHour > 23 ||
        offsetMinute < 0 ||
        offsetMinute > 59 ||
        text.charCodeAt(i + 3) !== 58
      ) {
        return undefined;
      }
      offsetMinutes = (offsetHour * 60 + offsetMinute) * (zone === 45 ? -1 : 1);
      i += 6;
    } else return undefined;
  }
  if (i !== length) return undefined;
  const days = daysFromCivil(year, month, day);
  return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + fraction;
}

function digits(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
