import {
  addMonths,
  dateTimeFromJsDate,
  FILETIME_EPOCH_TICKS,
  fieldsFromTicks,
  inRange,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  type DateTimeValue,
} from './date-time-value.js';
import { formatDateTime } from './format-date-time.js';
import { parseDateTimeExact } from './parse-date-time-exact.js';
import type { FunctionCall, FunctionTable } from './function-call.js';
import { parseDateTime } from './parse-date-time.js';
import { isList, type ExpressionValue } from '../value-conversion.js';

/** How CDate, Now and DateAdd print a date/time (always UTC). */
export const GENERAL_DATE_FORMAT = 'M/d/yyyy h:mm:ss tt';
const ISO_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

const DATE_TIME_STYLES: ReadonlySet<string> = new Set([
  'None',
  'AllowLeadingWhite',
  'AllowTrailingWhite',
  'AllowInnerWhite',
  'AllowWhiteSpaces',
  'NoCurrentDateDefault',
  'AdjustToUniversal',
  'AssumeLocal',
  'AssumeUniversal',
  'RoundtripKind',
]);

/** VB's interval names, as DateAdd and DateDiff take them. */
const INTERVALS = ['yyyy', 'q', 'm', 'y', 'd', 'w', 'ww', 'h', 'n', 's'] as const;
type Interval = (typeof INTERVALS)[number];

function print(call: FunctionCall, value: DateTimeValue, format: string): string {
  const text = formatDateTime(value, format);
  if (typeof text !== 'string') throw call.fail(text.error);
  return text;
}

function interval(call: FunctionCall): Interval {
  const text = (call.text(0) ?? '').toLowerCase();
  const found = INTERVALS.find((name) => name === text);
  if (found === undefined)
    throw call.fail(`interval must be one of ${INTERVALS.join(', ')}, not ${JSON.stringify(text)}`);
  return found;
}

/** Argument `index` as a date/time; null when it is null. */
function dateArgument(call: FunctionCall, index: number): DateTimeValue | null {
  const text = call.text(index);
  if (text === null) return null;
  const value = parseDateTime(text);
  if (value === undefined) throw call.fail(`${JSON.stringify(text)} is not a date/time`);
  return value;
}

function checked(call: FunctionCall, ticks: bigint, kind: DateTimeValue['kind']): DateTimeValue {
  if (ticks < 0n || !inRange(ticks)) throw call.fail('the result is outside the years 1 to 9999');
  return { ticks, kind };
}

/** Ticks of a FILETIME number or digit string, exactly. */
function fileTimeTicks(call: FunctionCall, value: ExpressionValue): bigint {
  const single = isList(value) && value.length === 1 ? value[0] : value;
  if (typeof single === 'number' && Number.isInteger(single)) return BigInt(single);
  if (typeof single === 'string' && /^\s*-?\d+\s*$/.test(single)) return BigInt(single.trim());
  throw call.fail('expected an AD timestamp: a whole number of 100-ns intervals since 1601-01-01');
}

/** The context's clock as a DateTimeValue; an invalid Date is the context's fault, reported here. */
function now(call: FunctionCall): DateTimeValue {
  const date = call.context.now();
  if (!Number.isFinite(date.getTime()))
    throw call.fail('the evaluation context gave an invalid current date');
  return dateTimeFromJsDate(date);
}

function weekStart(ticks: bigint): bigint {
  const day = ticks - (ticks % TICKS_PER_DAY);
  return day - BigInt(fieldsFromTicks(ticks).dayOfWeek) * TICKS_PER_DAY;
}

export const DATE_FUNCTIONS: FunctionTable<
  'CDate' | 'DateAdd' | 'DateDiff' | 'DateFromNum' | 'FormatDateTime' | 'Now' | 'NumFromDate'
> = {
  CDate: (call) => {
    const value = dateArgument(call, 0);
    return value === null ? null : print(call, value, GENERAL_DATE_FORMAT);
  },
  DateAdd: (call) => {
    const unit = interval(call);
    const amount = call.integer(1, 'value');
    const date = call.present(2) ? dateArgument(call, 2) : now(call);
    if (date === null) return null;
    const n = BigInt(amount);
    let ticks: bigint;
    switch (unit) {
      case 'yyyy':
        ticks = addMonths(date, amount * 12);
        break;
      case 'q':
        ticks = addMonths(date, amount * 3);
        break;
      case 'm':
        ticks = addMonths(date, amount);
        break;
      case 'y':
      case 'd':
      case 'w':
        ticks = date.ticks + n * TICKS_PER_DAY;
        break;
      case 'ww':
        ticks = date.ticks + 7n * n * TICKS_PER_DAY;
        break;
      case 'h':
        ticks = date.ticks + n * TICKS_PER_HOUR;
        break;
      case 'n':
        ticks = date.ticks + n * TICKS_PER_MINUTE;
        break;
      case 's':
        ticks = date.ticks + n * TICKS_PER_SECOND;
        break;
    }
    return print(call, checked(call, ticks, date.kind), GENERAL_DATE_FORMAT);
  },
  DateDiff: (call) => {
    // VB's DateAndTime.DateDiff: calendar units count boundaries crossed, time units truncate.
    const unit = interval(call);
    const first = dateArgument(call, 1);
    const second = dateArgument(call, 2);
    if (first === null || second === null) return null;
    const a = fieldsFromTicks(first.ticks);
    const b = fieldsFromTicks(second.ticks);
    const elapsed = second.ticks - first.ticks;
    switch (unit) {
      case 'yyyy':
        return b.year - a.year;
      case 'q':
        return (b.year - a.year) * 4 + Math.floor((b.month - 1) / 3) - Math.floor((a.month - 1) / 3);
      case 'm':
        return (b.year - a.year) * 12 + b.month - a.month;
      case 'y':
      case 'd':
        return Number(elapsed / TICKS_PER_DAY);
      case 'w':
        return Number(elapsed / TICKS_PER_DAY / 7n);
      case 'ww':
        // Sundays crossed: the week starts of both dates, in whole weeks.
        return Number((weekStart(second.ticks) - weekStart(first.ticks)) / TICKS_PER_DAY / 7n);
      case 'h':
        return Number(elapsed / TICKS_PER_HOUR);
      case 'n':
        return Number(elapsed / TICKS_PER_MINUTE);
      case 's':
        return Number(elapsed / TICKS_PER_SECOND);
    }
  },
  DateFromNum: (call) => {
    const value = call.value(0);
    if (value === null || value === '') return null;
    const ticks = fileTimeTicks(call, value) + FILETIME_EPOCH_TICKS;
    return print(call, checked(call, ticks, 'utc'), ISO_FORMAT);
  },
  FormatDateTime: (call) => {
    const source = call.text(0);
    const styles = call.present(1) ? (call.text(1) ?? '') : '';
    const inputFormat = call.text(2);
    const outputFormat = call.text(3);
    for (const style of styles.split(/[\s,|]+/).filter((s) => s !== '')) {
      const name = style.replace(/^DateTimeStyles\./, '');
      if (!DATE_TIME_STYLES.has(name))
        throw call.fail(`${JSON.stringify(style)} is not a DateTimeStyles value`);
    }
    if (inputFormat === null || inputFormat === '') throw call.fail('inputFormat is required');
    if (outputFormat === null || outputFormat === '') throw call.fail('outputFormat is required');
    if (source === null) return null;
    const parsed = parseDateTimeExact(source, inputFormat, now(call));
    if (parsed === undefined) {
      throw call.fail(
        `${JSON.stringify(source)} does not match the input format ${JSON.stringify(inputFormat)}`,
      );
    }
    if ('error' in parsed) throw call.fail(`inputFormat: ${parsed.error}`);
    return print(call, parsed, outputFormat);
  },
  Now: (call) => print(call, now(call), GENERAL_DATE_FORMAT),
  NumFromDate: (call) => {
    const date = dateArgument(call, 0);
    if (date === null) return null;
    const fileTime = date.ticks - FILETIME_EPOCH_TICKS;
    if (fileTime < 0n) throw call.fail('dates before 1601-01-01 have no AD timestamp');
    return Number(fileTime);
  },
};
