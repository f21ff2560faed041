/**
 * A .NET DateTime: 100-ns ticks since 0001-01-01T00:00 (proleptic Gregorian), as a BigInt so that
 * AD FILETIME values (~1.3e17) and 7-digit fractions stay exact. Entra's servers run in UTC, so a
 * "local" time is a UTC time; `kind` only decides what the `K` format specifier prints.
 */
export interface DateTimeValue {
  readonly ticks: bigint;
  readonly kind: 'utc' | 'local' | 'unspecified';
}

export interface DateTimeFields {
  readonly year: number;
  /** 1-12 */
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** 0-9,999,999 ticks of 100 ns. */
  readonly fraction: number;
}

export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 60n * TICKS_PER_SECOND;
export const TICKS_PER_HOUR = 60n * TICKS_PER_MINUTE;
export const TICKS_PER_DAY = 24n * TICKS_PER_HOUR;
/** 1970-01-01T00:00Z in ticks. */
export const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;
/** 1601-01-01T00:00Z, the origin of Windows FILETIME and AD timestamps, in ticks. */
export const FILETIME_EPOCH_TICKS = 504_911_232_000_000_000n;
/** 9999-12-31T23:59:59.9999999, DateTime.MaxValue. */
export const MAX_TICKS = 3_155_378_975_999_999_999n;

const DAYS_BEFORE_UNIX_EPOCH = 719_162;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** True when the fields name a real date and time from year 1 to 9999. */
export function validFields(f: DateTimeFields): boolean {
  return (
    f.year >= 1 &&
    f.year <= 9999 &&
    f.month >= 1 &&
    f.month <= 12 &&
    f.day >= 1 &&
    f.day <= daysInMonth(f.year, f.month) &&
    f.hour >= 0 &&
    f.hour <= 23 &&
    f.minute >= 0 &&
    f.minute <= 59 &&
    f.second >= 0 &&
    f.second <= 59 &&
    f.fraction >= 0 &&
    f.fraction <= 9_999_999
  );
}

/** Ticks of valid fields (no range check). */
export function ticksFromFields(f: DateTimeFields): bigint {
  const days = BigInt(daysFromCivil(f.year, f.month, f.day) + DAYS_BEFORE_UNIX_EPOCH);
  const seconds = BigInt(f.hour * 3600 + f.minute * 60 + f.second);
  return days * TICKS_PER_DAY + seconds * TICKS_PER_SECOND + BigInt(f.fraction);
}

export function fieldsFromTicks(ticks: bigint): DateTimeFields & { readonly dayOfWeek: number } {
  const days = Number(ticks / TICKS_PER_DAY);
  const inDay = ticks % TICKS_PER_DAY;
  const { year, month, day } = civilFromDays(days - DAYS_BEFORE_UNIX_EPOCH);
  const seconds = Number(inDay / TICKS_PER_SECOND);
  return {
    year,
    month,
    day,
    hour: Math.floor(seconds / 3600),
    minute: Math.floor(seconds / 60) % 60,
    second: seconds % 60,
    fraction: Number(inDay % TICKS_PER_SECOND),
    // 0001-01-01 was a Monday; 0 is Sunday, as .NET's DayOfWeek.
    dayOfWeek: (days + 1) % 7,
  };
}

export function inRange(ticks: bigint): boolean {
  return ticks >= 0n && ticks <= MAX_TICKS;
}

export function dateTimeFromJsDate(date: Date): DateTimeValue {
  return { ticks: BigInt(date.getTime()) * TICKS_PER_MILLISECOND + UNIX_EPOCH_TICKS, kind: 'utc' };
}

/** .NET's AddMonths: the day is clamped to the last day of the target month. */
export function addMonths(value: DateTimeValue, months: number): bigint {
  const f = fieldsFromTicks(value.ticks);
  const total = f.year * 12 + (f.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  if (year < 1 || year > 9999) return -1n;
  const day = Math.min(f.day, daysInMonth(year, month));
  return ticksFromFields({ ...f, year, month, day });
}
