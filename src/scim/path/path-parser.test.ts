import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { evaluateFilter } from '../filter/evaluate-filter.js';
import { SAMPLE_RESOURCES } from '../filter/filter-parser.cases.js';
import { PATCH_PATH_CASES, INVALID_PATH_CASES } from './path-parser.cases.js';
import { PATH_MAX_LENGTH, parseAttributePath, parsePatchPath } from './path-parser.js';
import { printAttributePath, printPatchPath } from './print-path.js';

function pathError(parse: () => unknown): ScimError {
  try {
    parse();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected the path to be rejected');
}

describe('parsePatchPath: RFC 7644 §3.5.2 paths', () => {
  describe.each(PATCH_PATH_CASES)('$path ($source)', ({ path, expected, printed }) => {
    it('parses to the expected path', () => {
      expect(parsePatchPath(path)).toStrictEqual(expected);
    });

    it('prints canonically and round-trips', () => {
      expect(printPatchPath(expected)).toBe(printed ?? path);
      expect(parsePatchPath(printPatchPath(expected))).toStrictEqual(expected);
    });
  });
});

describe('parsePatchPath: value filters select values', () => {
  const filtered = PATCH_PATH_CASES.flatMap(({ path, expected, selects }) =>
    expected.valueFilter === undefined || selects === undefined ? [] : [{ path, expected, selects }],
  );

  it.each(filtered)('$path selects in the sample user and group as expected', ({ expected, selects }) => {
    const { valueFilter, schema, attribute } = expected;
    const filter = {
      kind: 'valuePath',
      path: { ...(schema === undefined ? {} : { schema }), attribute },
      filter: valueFilter!,
    } as const;
    expect(evaluateFilter(filter, SAMPLE_RESOURCES.bjensen)).toBe(selects.user);
    expect(evaluateFilter(filter, SAMPLE_RESOURCES.group)).toBe(selects.group);
  });
});

describe('parsePatchPath: invalid paths', () => {
  it.each(INVALID_PATH_CASES)('rejects $path at offset $position', ({ path, position, scimType, detail }) => {
    const error = pathError(() => parsePatchPath(path));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.position).toBe(position);
    expect(error.detail).toContain(detail);
    expect(error.detail).toContain(`offset ${position}`);
  });

  it(`rejects paths longer than ${PATH_MAX_LENGTH} characters`, () => {
    const error = pathError(() => parsePatchPath(`a${'b'.repeat(PATH_MAX_LENGTH)}`));
    expect(error.scimType).toBe('invalidPath');
    expect(error.position).toBe(PATH_MAX_LENGTH);
    expect(error.detail).toContain('1000');
    expect(parsePatchPath(`a${'b'.repeat(PATH_MAX_LENGTH - 1)}`).attribute).toHaveLength(PATH_MAX_LENGTH);
  });
});

describe('parseAttributePath', () => {
  it.each([
    ['userName', { attribute: 'userName' }],
    ['name.givenName', { attribute: 'name', subAttribute: 'givenName' }],
    [
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber',
      { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'employeeNumber' },
    ],
    [' emails.value ', { attribute: 'emails', subAttribute: 'value' }],
  ])('parses %j', (text, expected) => {
    expect(parseAttributePath(text)).toStrictEqual(expected);
    expect(printAttributePath(expected)).toBe(text.trim());
  });

  it.each([
    ['emails[type eq "work"]', 6],
    ['name.', 5],
    ['name givenName', 5],
    ['$x', 0],
  ])('rejects %j with invalidPath at %i', (text, position) => {
    const error = pathError(() => parseAttributePath(text));
    expect(error.scimType).toBe('invalidPath');
    expect(error.position).toBe(position);
  });
});
