import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldsFromTicks, MAX_TICKS, ticksFromFields, type DateTimeValue } from './date-time-value.js';
import { formatDateTime } from './format-date-time.js';
import { parseDateTimeExact } from './parse-date-time-exact.js';
import { parseDateTime } from './parse-date-time.js';
import { tokenizeDateTimeFormat } from './format-tokens.js';

const at = (iso: string, kind: DateTimeValue['kind'] = 'utc'): DateTimeValue => {
  const [date = '', time = '00:00:00'] = iso.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [clock = '', fraction = ''] = time.replace('Z', '').split('.');
  const [hour, minute, second] = clock.split(':').map(Number);
  return {
    ticks: ticksFromFields({
      year: year!,
      month: month!,
      day: day!,
      hour: hour!,
      minute: minute!,
      second: second!,
      fraction: Number(fraction.padEnd(7, '0')),
    }),
    kind,
  };
};
const NOW = at('2024-05-06T07:08:09');

describe('tokenizeDateTimeFormat', () => {
  it('reads specifiers, quoted text, escapes and %', () => {
    expect(tokenizeDateTimeFormat('yyyy\'-\'MM\\d%d"x"')).toEqual([
      { kind: 'field', letter: 'y', count: 4 },
      { kind: 'literal', text: '-' },
      { kind: 'field', letter: 'M', count: 2 },
      { kind: 'literal', text: 'd' },
      { kind: 'field', letter: 'd', count: 1 },
      { kind: 'literal', text: 'x' },
    ]);
  });

  it.each(["'open", '\\', '%', '%%d', '%dd'])('rejects %s', (format) => {
    expect(typeof tokenizeDateTimeFormat(format)).toBe('string');
  });
});

describe('formatDateTime', () => {
  const value = at('2009-06-15T13:45:30.6175425');
  it.each([
    ['M/d/yyyy h:mm:ss tt', '6/15/2009 1:45:30 PM'],
    ['yyyy-MM-ddTHH:mm:ss.fffffffK', '2009-06-15T13:45:30.6175425Z'],
    ['dd MMM yy, ddd', '15 Jun 09, Mon'],
    ['dddd d MMMM y', 'Monday 15 June 9'],
    ['hh:m:s t', '01:45:30 P'],
    ['H:mm f ff FFF', '13:45 6 61 617'],
    ['\'quoted\' "too" \\h zzz z zz', 'quoted too h +00:00 +0 +00'],
    ['yyyyy g', '02009 A.D.'],
  ])('formats %s', (format, expected) => {
    expect(formatDateTime(value, format)).toBe(expected);
  });

  it('drops the "." before an all-zero F fraction, as .NET does', () => {
    expect(formatDateTime(at('2012-01-01T23:00:00'), 'HH:mm:ss.FFFFFFF')).toBe('23:00:00');
  });

  it('prints K by kind', () => {
    expect(formatDateTime(at('2012-01-01T23:00:00', 'local'), 'K')).toBe('+00:00');
    expect(formatDateTime(at('2012-01-01T23:00:00', 'unspecified'), 'K')).toBe('');
  });

  it('prints midnight and noon on the 12-hour clock', () => {
    expect(formatDateTime(at('2012-01-01T00:05:00'), 'h tt')).toBe('12 AM');
    expect(formatDateTime(at('2012-01-01T12:05:00'), 'h tt')).toBe('12 PM');
  });
});

describe('parseDateTimeExact', () => {
  it.each([
    ['20150123105347.1Z', 'yyyyMMddHHmmss.fZ', at('2015-01-23T10:53:47.1')],
    ['2020-12-31-08:00', 'yyyy-MM-ddzzz', at('2020-12-31T08:00:00', 'local')],
    ['12/31/2020 10:00:00 PM', 'M/d/yyyy hh:mm:ss tt', at('2020-12-31T22:00:00', 'unspecified')],
    ['1/2/2020 12:00:00 AM', 'M/d/yyyy hh:mm:ss tt', at('2020-01-02T00:00:00', 'unspecified')],
    ['  Thu, 04 Mar 2021 ', 'ddd, dd MMM yyyy', at('2021-03-04T00:00:00', 'unspecified')],
    ['05/11/49', 'dd/MM/yy', at('2049-11-05T00:00:00', 'unspecified')],
    ['05/11/50', 'dd/MM/yy', at('1950-11-05T00:00:00', 'unspecified')],
    ['2021-03-04T05:06:07.12+02:00', 'yyyy-MM-ddTHH:mm:ss.FFFFFFFK', at('2021-03-04T03:06:07.12', 'local')],
    ['12:30', 'HH:mm', at('2024-05-06T12:30:00', 'unspecified')],
    ['2021', 'yyyy', at('2021-01-01T00:00:00', 'unspecified')],
    ['March', 'MMMM', at('2024-03-01T00:00:00', 'unspecified')],
  ])('parses %s with %s', (text, format, expected) => {
    expect(parseDateTimeExact(text, format, NOW)).toEqual(expected);
  });

  it.each([
    ['2015-01-23', 'yyyyMMdd'],
    ['2021-02-29', 'yyyy-MM-dd'],
    ['13:00 PM', 'hh:mm tt'],
    ['1/2/2020 x', 'M/d/yyyy'],
    ['2015012', 'yyyyMMdd'],
    ['20150123105347.1', 'yyyyMMddHHmmss.fZ'],
  ])('does not match %s with %s', (text, format) => {
    expect(parseDateTimeExact(text, format, NOW)).toBeUndefined();
  });
});

describe('parseDateTime (CDate)', () => {
  it.each([
    ['2020-03-16-07:00', at('2020-03-16T07:00:00', 'local')],
    ['2021-06-30+08:00', at('2021-06-29T16:00:00', 'local')],
    ['2009-06-15T01:45:30-07:00', at('2009-06-15T08:45:30', 'local')],
    ['8/25/2021 5:41:18 PM', at('2021-08-25T17:41:18', 'unspecified')],
    ['2020-12-31 23:59:59-08:00', at('2021-01-01T07:59:59', 'local')],
    ['2021-08-24', at('2021-08-24T00:00:00', 'unspecified')],
    ['2021-08-24T10:00:00.5Z', at('2021-08-24T10:00:00.5', 'utc')],
  ])('reads %s', (text, expected) => {
    expect(parseDateTime(text)).toEqual(expected);
  });

  it.each(['', 'tomorrow', '2021-13-01', '2021-02-30', '13/25/2021', '2021-01-01T25:00', '0000-01-01'])(
    'rejects %s',
    (text) => {
      expect(parseDateTime(text)).toBeUndefined();
    },
  );
});

describe('date properties', () => {
  const ticks = fc.bigInt({ min: 0n, max: MAX_TICKS });

  it('ticks → fields → ticks is the identity', () => {
    fc.assert(
      fc.property(ticks, (t) => {
        expect(ticksFromFields(fieldsFromTicks(t))).toBe(t);
      }),
      { numRuns: 2_000 },
    );
  });

  it('formatting then parsing with a full round-trip format gives the same instant', () => {
    const format = 'yyyy-MM-ddTHH:mm:ss.fffffffK';
    fc.assert(
      fc.property(ticks, (t) => {
        const value: DateTimeValue = { ticks: t, kind: 'utc' };
        const text = formatDateTime(value, format);
        expect(parseDateTimeExact(text as string, format, NOW)).toEqual(value);
      }),
      { numRuns: 1_000 },
    );
  });

  it('CDate output reads back to the same second', () => {
    fc.assert(
      fc.property(ticks, (t) => {
        const value: DateTimeValue = { ticks: t - (t % 10_000_000n), kind: 'unspecified' };
        expect(parseDateTime(formatDateTime(value, 'M/d/yyyy h:mm:ss tt') as string)).toEqual(value);
      }),
      { numRuns: 1_000 },
    );
  });
});
