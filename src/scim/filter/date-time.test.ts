import { describe, expect, it } from 'vitest';
import { parseDateTime } from './date-time.js';

describe('parseDateTime', () => {
  it.each([
    '2011-05-13T04:42:34Z',
    '2011-05-13T06:42:34+02:00',
    '2011-05-12T23:42:34-05:00',
    '2011-05-13t04:42:34z',
    '2011-05-13T04:42:34.000Z',
    '2011-05-13T04:42:34',
  ])('reads %s as 2011-05-13T04:42:34Z', (text) => {
    expect(parseDateTime(text)).toBe(Date.UTC(2011, 4, 13, 4, 42, 34));
  });

  it('keeps fractions of a second', () => {
    expect(parseDateTime('2011-05-13T04:42:34.5Z')).toBe(Date.UTC(2011, 4, 13, 4, 42, 34, 500));
    expect(parseDateTime('2011-05-13T04:42:34.0001Z')! - parseDateTime('2011-05-13T04:42:34Z')!).toBeCloseTo(
      0.1,
      3,
    );
  });

  it('agrees with Date.UTC across leap years and eras', () => {
    expect(parseDateTime('2000-02-29T00:00:00Z')).toBe(Date.UTC(2000, 1, 29));
    expect(parseDateTime('1969-12-31T23:59:59Z')).toBe(-1000);
    expect(parseDateTime('0001-01-01T00:00:00Z')).toBe(new Date('0001-01-01T00:00:00Z').getTime());
  });

  it.each([
    '',
    'yesterday',
    '2011-05-13',
    '2011-13-01T00:00:00Z',
    '2011-02-29T00:00:00Z',
    '2011-04-31T00:00:00Z',
    '2011-05-13T24:00:00Z',
    '2011-05-13T04:60:00Z',
    '2011-05-13 04:42:34Z',
    '2011-05-13T04:42:34.Z',
    '2011-05-13T04:42:34+0200',
    '2011-05-13T04:42:34+24:00',
    '2011-05-13T04:42:34Zjunk',
  ])('rejects %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});
