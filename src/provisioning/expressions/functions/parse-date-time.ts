import {
  inRange,
  ticksFromFields,
  TICKS_PER_MINUTE,
  validFields,
  type DateTimeValue,
} from './date-time-value.js';

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?`;
const ZONE = String.raw`\s*(Z|z|[+-]\d{1,2}(?::?\d{2})?)?`;
/** ISO 8601 forms, also with a space for `T` and Workday's `2020-03-16-07:00` (a date with an offset). */
const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)${TIME})?${ZONE}$`);
/** The invariant culture's general form, which CDate, Now and DateAdd print: `M/d/yyyy h:mm:ss tt`. */
const US = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${TIME})?${ZONE}$`);

/**
 * Reads a date/time string as .NET's DateTime.Parse does with the invariant culture, for the
 * forms Entra's sources send. An offset converts to UTC; without one the time is taken as UTC
 * (the service's local time zone).
 *
 * @returns undefined when the text is not a date.
 */
export function parseDateTime(text: string): DateTimeValue | undefined {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso !== null) return build(iso[1], iso[2], iso[3], iso.slice(4));
  const us = US.exec(trimmed);
  if (us !== null) return build(us[3], us[1], us[2], us.slice(4));
  return undefined;
}

function build(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  [hour, minute, second, fraction, meridiem, zone]: readonly (string | undefined)[],
): DateTimeValue | undefined {
  let h = Number(hour ?? '0');
  if (meridiem !== undefined) {
    if (h > 12) return undefined;
    h = (h % 12) + (meridiem.toUpperCase() === 'PM' ? 12 : 0);
  }
  const fields = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: h,
    minute: Number(minute ?? '0'),
    second: Number(second ?? '0'),
    fraction: Number((fraction ?? '').padEnd(7, '0')),
  };
  if (!validFields(fields)) return undefined;
  let offsetMinutes = 0;
  let kind: DateTimeValue['kind'] = 'unspecified';
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') kind = 'utc';
    else {
      const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone)!;
      const hours = Number(match[2]);
      const minutes = Number(match[3] ?? '0');
      if (hours > 14 || minutes > 59) return undefined;
      offsetMinutes = (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
      kind = 'local';
    }
  }
  const ticks = ticksFromFields(fields) - BigInt(offsetMinutes) * TICKS_PER_MINUTE;
  return inRange(ticks) ? { ticks, kind } : undefined;
}
