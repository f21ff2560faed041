import { describe, expect, it } from 'vitest';
import { parseListQuery, parseSearchRequest, SEARCH_REQUEST_SCHEMA } from './list-query.js';
import { catchScimError } from '../testing/catch-scim-error.js';

describe('parseListQuery (RFC 7644 §3.4.2)', () => {
  it('defaults: startIndex 1, ascending, nothing else', () => {
    expect(parseListQuery({})).toEqual({ startIndex: 1, sortOrder: 'ascending' });
  });

  it('parses every parameter', () => {
    expect(
      parseListQuery({
        filter: 'userName eq "bjensen"',
        sortBy: 'name.familyName',
        sortOrder: 'Descending',
        startIndex: '11',
        count: '10',
        attributes: 'userName,emails.value',
        excludedAttributes: 'meta',
      }),
    ).toEqual({
      filter: {
        kind: 'comparison',
        path: { attribute: 'userName' },
        operator: 'eq',
        value: 'bjensen',
      },
      filterText: 'userName eq "bjensen"',
      sortBy: { attribute: 'name', subAttribute: 'familyName' },
      sortOrder: 'descending',
      startIndex: 11,
      count: 10,
      attributes: [{ attribute: 'userName' }, { attribute: 'emails', subAttribute: 'value' }],
      excludedAttributes: [{ attribute: 'meta' }],
    });
  });

  it.each([
    ['0', 1],
    ['-7', 1],
    ['1', 1],
    [' 25 ', 25],
    ['+3', 3],
    ['99999999999999999999999', Number.MAX_SAFE_INTEGER],
  ])('startIndex %j -> %i (values below 1 are 1, §3.4.2.4)', (startIndex, expected) => {
    expect(parseListQuery({ startIndex }).startIndex).toBe(expected);
  });

  it.each([
    ['-1', 0],
    ['0', 0],
    ['100', 100],
    ['-99999999999999999999999', 0],
  ])('count %j -> %i (negative is 0, §3.4.2.4)', (count, expected) => {
    expect(parseListQuery({ count }).count).toBe(expected);
  });

  it.each([
    ['startIndex', 'abc'],
    ['startIndex', '1.5'],
    ['startIndex', '1e3'],
    ['count', 'ten'],
    ['count', '0x10'],
  ])('%s=%j is invalidValue naming the parameter', (name, value) => {
    const error = catchScimError(() => parseListQuery({ [name]: value }));
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain(name);
  });

  it('blank values count as absent', () => {
    expect(
      parseListQuery({ filter: ' ', startIndex: '', count: '', sortBy: '', sortOrder: '', attributes: '' }),
    ).toEqual({
      startIndex: 1,
      sortOrder: 'ascending',
    });
  });

  it('matches parameter names case-insensitively and ignores unknown ones', () => {
    expect(parseListQuery({ STARTINDEX: '5', Count: '2', other: 'x', filter: undefined })).toEqual({
      startIndex: 5,
      count: 2,
      sortOrder: 'ascending',
    });
  });

  it('an unknown sortOrder is invalidValue', () => {
    expect(catchScimError(() => parseListQuery({ sortOrder: 'up' })).toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "sortOrder must be "ascending" or "descending", got "up"",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidValue",
        "status": "400",
      }
    `);
  });

  it('a bad filter is invalidFilter', () => {
    expect(catchScimError(() => parseListQuery({ filter: 'userName eq' })).scimType).toBe('invalidFilter');
  });

  it('a bad sortBy or attribute list is invalidPath', () => {
    expect(catchScimError(() => parseListQuery({ sortBy: 'a b' })).scimType).toBe('invalidPath');
    expect(catchScimError(() => parseListQuery({ excludedAttributes: 'members,' })).scimType).toBe(
      'invalidPath',
    );
  });

  it('accepts attributes together with excludedAttributes', () => {
    const query = parseListQuery({ attributes: 'userName', excludedAttributes: 'emails' });
    expect(query.attributes).toEqual([{ attribute: 'userName' }]);
    expect(query.excludedAttributes).toEqual([{ attribute: 'emails' }]);
  });

  it('RFC 9865: an empty cursor asks for the first page; a cursor is passed through', () => {
    expect(parseListQuery({ cursor: '' })).toEqual({ startIndex: 1, sortOrder: 'ascending', cursor: '' });
    expect(parseListQuery({ cursor: 'VZUTiy', count: '10' })).toEqual({
      startIndex: 1,
      sortOrder: 'ascending',
      cursor: 'VZUTiy',
      count: 10,
    });
  });
});

describe('parseSearchRequest (RFC 7644 §3.4.3)', () => {
  it('parses the §3.4.3 example', () => {
    expect(
      parseSearchRequest({
        schemas: [SEARCH_REQUEST_SCHEMA],
        attributes: ['displayName', 'userName'],
        filter: 'displayName sw "smith"',
        startIndex: 1,
        count: 10,
      }),
    ).toEqual({
      attributes: [{ attribute: 'displayName' }, { attribute: 'userName' }],
      filter: { kind: 'comparison', path: { attribute: 'displayName' }, operator: 'sw', value: 'smith' },
      filterText: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
      sortOrder: 'ascending',
    });
  });

  it('applies the same clamping, accepts numeric strings and a comma-separated list', () => {
    expect(
      parseSearchRequest({
        schemas: [SEARCH_REQUEST_SCHEMA],
        startIndex: -3,
        Count: '-1',
        sortBy: 'userName',
        sortOrder: 'descending',
        excludedAttributes: 'emails,meta',
        cursor: '',
      }),
    ).toEqual({
      startIndex: 1,
      count: 0,
      sortBy: { attribute: 'userName' },
      sortOrder: 'descending',
      excludedAttributes: [{ attribute: 'emails' }, { attribute: 'meta' }],
      cursor: '',
    });
  });

  it.each([
    ['not an object', 'filter=x'],
    ['no schemas', { filter: 'userName pr' }],
    ['wrong schema', { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'] }],
  ])('%s is invalidSyntax', (_name, body) => {
    expect(catchScimError(() => parseSearchRequest(body)).scimType).toBe('invalidSyntax');
  });

  it.each([
    ['startIndex', 1.5],
    ['count', true],
    ['filter', 42],
    ['attributes', [1, 2]],
    ['sortOrder', ['ascending']],
  ])('a %s of the wrong type is invalidValue naming it', (name, value) => {
    const error = catchScimError(() =>
      parseSearchRequest({ schemas: [SEARCH_REQUEST_SCHEMA], [name]: value }),
    );
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toContain(name);
  });
});
