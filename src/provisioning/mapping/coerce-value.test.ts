import { defineAttribute } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import type { ExpressionValue } from '../expressions/index.js';
import { coerceToAttribute, toDateTime } from './coerce-value.js';
import type { JsonValue } from './mapping-types.js';

const string = defineAttribute('s');
const boolean = defineAttribute('b', { type: 'boolean' });
const integer = defineAttribute('i', { type: 'integer' });
const decimal = defineAttribute('d', { type: 'decimal' });
const dateTime = defineAttribute('t', { type: 'dateTime' });
const strings = defineAttribute('ss', { multiValued: true });
const manager = defineAttribute('manager', {
  type: 'complex',
  subAttributes: [
    defineAttribute('value'),
    defineAttribute('$ref', { type: 'reference', referenceTypes: ['User'] }),
  ],
});

describe('coerceToAttribute', () => {
  it.each<[string, ReturnType<typeof defineAttribute>, ExpressionValue | undefined, JsonValue | undefined]>([
    ['null is nothing', string, null, undefined],
    ['absent is nothing', string, undefined, undefined],
    ['an empty string is nothing', string, '', undefined],
    ['an empty list is nothing', strings, [], undefined],
    ['a string stays', string, 'Ann', 'Ann'],
    ['a number becomes text', string, 42, '42'],
    ['a boolean becomes .NET text', string, true, 'True'],
    ['"True" becomes true', boolean, 'True', true],
    ['"false" becomes false', boolean, 'false', false],
    ['a boolean stays', boolean, false, false],
    ['an unknown boolean word is passed on', boolean, 'yes', 'yes'],
    ['a numeric string becomes an integer', integer, '1234', 1234],
    ['a negative integer', integer, '-7', -7],
    ['a fraction is not an integer', integer, '1.5', '1.5'],
    ['an unsafe integer is passed on', integer, '90071992547409930', '90071992547409930'],
    ['a decimal string', decimal, '1.25', 1.25],
    ['a number for a decimal stays', decimal, 3, 3],
    [
      'an RFC 3339 date-time is normalised to UTC',
      dateTime,
      '2020-03-16T07:00:00-07:00',
      '2020-03-16T14:00:00Z',
    ],
    ["CDate's output is read as UTC", dateTime, '3/16/2020 7:00:00 AM', '2020-03-16T07:00:00Z'],
    ['12 PM is noon', dateTime, '1/2/2021 12:05:09 PM', '2021-01-02T12:05:09Z'],
    ['12 AM is midnight', dateTime, '1/2/2021 12:05:09 AM', '2021-01-02T00:05:09Z'],
    ['generalized time', dateTime, '20150123105347.1Z', '2015-01-23T10:53:47.100Z'],
    ['a bare date is midnight UTC', dateTime, '2015-01-23', '2015-01-23T00:00:00Z'],
    ['an impossible date is passed on', dateTime, '2015-02-30', '2015-02-30'],
    ['a one-element list is the single value', string, ['x'], 'x'],
    ['a longer list for a single value is passed on', string, ['x', 'y'], ['x', 'y']],
    ['a scalar for a multi-valued attribute is a list', strings, 'x', ['x']],
    ['empty items are dropped from a list', strings, ['x', '', null, 'y'], ['x', 'y']],
    ['a bare id for a complex attribute with a value is wrapped', manager, 'm-1', { value: 'm-1' }],
    ['an object for a complex attribute stays', manager, { value: 'm-1' }, { value: 'm-1' }],
  ])('%s', (_name, definition, value, expected) => {
    expect(coerceToAttribute(definition, value)).toEqual(expected);
  });
});

describe('toDateTime', () => {
  it('rejects text that is no date', () => {
    expect(toDateTime('soon')).toBeUndefined();
    expect(toDateTime('13/1/2020 1:00:00 AM')).toBeUndefined();
  });
});
