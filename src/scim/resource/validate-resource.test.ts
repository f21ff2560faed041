import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { defineAttribute } from '../schema/attribute.js';
import { isBase64, isDateTime } from './validate-value.js';
import { assertResource, validateResource } from './validate-resource.js';
import { issuesToScimError } from './issues.js';
import { BINARIES, DATE_TIMES, ENTERPRISE, INVALID_CASES, USER } from './validate-resource.cases.js';

const users = () => SchemaRegistry.withCoreSchemas().resourceSchema('User');
const groups = () => SchemaRegistry.withCoreSchemas().resourceSchema('Group');

describe('validateResource: invalid input', () => {
  it.each(INVALID_CASES)('$name', ({ input, issues, enforceCanonicalValues }) => {
    const result = validateResource(input, users(), {
      mode: 'create',
      ...(enforceCanonicalValues === undefined ? {} : { enforceCanonicalValues }),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.path])).toEqual(issues);
    for (const issue of result.issues) expect(issue.message).not.toBe('');
  });

  it('covers every issue code', () => {
    const codes = new Set(INVALID_CASES.flatMap((c) => c.issues.map(([code]) => code)));
    expect([...codes].sort()).toEqual([
      'canonical_value',
      'duplicate_attribute',
      'invalid_body',
      'invalid_format',
      'invalid_type',
      'missing_schema',
      'multiple_primary',
      'required',
      'unknown_attribute',
      'unknown_schema',
    ]);
  });
});

describe('validateResource: normalisation', () => {
  it('rewrites names to canonical case and turns Entra "True"/"False" into booleans', () => {
    const result = validateResource(
      {
        SCHEMAS: [USER.toUpperCase(), ENTERPRISE],
        USERNAME: 'bjensen',
        Active: 'True',
        name: { GIVENNAME: 'Barbara', familyname: 'Jensen' },
        emails: [{ Value: 'b@example.com', Primary: 'true', TYPE: 'work' }],
        [ENTERPRISE.toLowerCase()]: { EmployeeNumber: '701984', manager: { VALUE: '26118915' } },
      },
      users(),
      { mode: 'create' },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        schemas: [USER, ENTERPRISE],
        userName: 'bjensen',
        active: true,
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ value: 'b@example.com', primary: true, type: 'work' }],
        [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915' } },
      },
    });
  });

  it('"False" becomes false', () => {
    const value = assertResource({ schemas: [USER], userName: 'x', active: 'False' }, users(), {
      mode: 'replace',
    });
    expect(value['active']).toBe(false);
  });

  it('drops readOnly attributes: id, meta, groups, manager.displayName (RFC 7643 §2.2)', () => {
    const value = assertResource(
      {
        schemas: [USER, ENTERPRISE],
        id: '2819c223',
        meta: { resourceType: 'User' },
        userName: 'x',
        groups: [{ value: 'g1' }],
        [ENTERPRISE]: { manager: { value: 'm', displayName: 'Boss' } },
      },
      users(),
      { mode: 'replace' },
    );
    expect(value).toEqual({
      schemas: [USER, ENTERPRISE],
      userName: 'x',
      [ENTERPRISE]: { manager: { value: 'm' } },
    });
  });

  it('treats null, empty arrays, null items and empty complex values as unassigned', () => {
    const value = assertResource(
      {
        schemas: [USER],
        userName: 'x',
        displayName: null,
        emails: [],
        phoneNumbers: [null],
        name: {},
        addresses: [{ locality: null }],
      },
      users(),
      { mode: 'create' },
    );
    expect(value).toEqual({ schemas: [USER], userName: 'x' });
  });

  it('drops unknown attributes and unknown extensions when asked to', () => {
    const value = assertResource(
      {
        schemas: [USER, 'urn:example:ext:2.0:User'],
        userName: 'x',
        shoeSize: 42,
        'urn:example:ext:2.0:User': { a: 1 },
        emails: [{ value: 'a@b', label: 'x' }],
      },
      users(),
      { mode: 'create', unknownAttributes: 'drop' },
    );
    expect(value).toEqual({ schemas: [USER], userName: 'x', emails: [{ value: 'a@b' }] });
  });

  it('keeps non-canonical values unless enforcement is asked for (RFC 7643 §2.3.1)', () => {
    const value = assertResource(
      { schemas: [USER], userName: 'x', emails: [{ value: 'a', type: 'pigeon' }] },
      users(),
      {
        mode: 'create',
      },
    );
    expect(value['emails']).toEqual([{ value: 'a', type: 'pigeon' }]);
  });

  it('accepts one primary among many', () => {
    const result = validateResource(
      {
        schemas: [USER],
        userName: 'x',
        emails: [{ value: 'a', primary: true }, { value: 'b', primary: false }, { value: 'c' }],
      },
      users(),
      { mode: 'create' },
    );
    expect(result.ok).toBe(true);
  });

  it('validates groups, and requires displayName', () => {
    const result = validateResource({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'] }, groups(), {
      mode: 'create',
    });
    expect(result.ok ? [] : result.issues.map((i) => i.path)).toEqual(['displayName']);
    const ok = assertResource(
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Tour Guides',
        members: [{ value: '2819c223', $REF: 'https://example.com/v2/Users/2819c223', display: 'Babs' }],
      },
      groups(),
      { mode: 'create' },
    );
    expect(ok['members']).toEqual([
      { value: '2819c223', $ref: 'https://example.com/v2/Users/2819c223', display: 'Babs' },
    ]);
  });
});

describe('validateResource: metadata decides, not names', () => {
  const registry = () => {
    const r = SchemaRegistry.withCoreSchemas();
    r.addSchema({
      id: 'urn:example:params:scim:schemas:extension:badge:2.0:User',
      name: 'Badge',
      attributes: [
        defineAttribute('badgeNumber', { type: 'integer', required: true }),
        defineAttribute('issued', { type: 'dateTime' }),
        defineAttribute('weight', { type: 'decimal' }),
        defineAttribute('photo', { type: 'binary' }),
        defineAttribute('printedBy', { mutability: 'readOnly' }),
      ],
    });
    r.extendResourceType('User', 'urn:example:params:scim:schemas:extension:badge:2.0:User', true);
    return r.resourceSchema('User');
  };
  const BADGE = 'urn:example:params:scim:schemas:extension:badge:2.0:User';

  it('checks types of a custom extension', () => {
    const result = validateResource(
      {
        schemas: [USER, BADGE],
        userName: 'x',
        [BADGE]: { badgeNumber: 1.5, issued: 'tuesday', weight: 'heavy', photo: '%%', printedBy: 'me' },
      },
      registry(),
      { mode: 'create' },
    );
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid_type', `${BADGE}:badgeNumber`],
      ['invalid_format', `${BADGE}:issued`],
      ['invalid_type', `${BADGE}:weight`],
      ['invalid_format', `${BADGE}:photo`],
    ]);
  });

  it('requires a required extension and its required attributes', () => {
    const missing = validateResource({ schemas: [USER], userName: 'x' }, registry(), { mode: 'create' });
    expect(missing.ok ? [] : missing.issues.map((i) => [i.code, i.path])).toEqual([['required', BADGE]]);
    const empty = validateResource(
      { schemas: [USER, BADGE], userName: 'x', [BADGE]: { weight: 2.5 } },
      registry(),
      {
        mode: 'create',
      },
    );
    expect(empty.ok ? [] : empty.issues.map((i) => [i.code, i.path])).toEqual([
      ['required', `${BADGE}:badgeNumber`],
    ]);
  });

  it('accepts valid values of every type', () => {
    const value = assertResource(
      {
        schemas: [USER, BADGE],
        userName: 'x',
        [BADGE]: { badgeNumber: 7, issued: '2008-01-23T04:56:22Z', weight: 2.5, photo: 'TWFu' },
      },
      registry(),
      { mode: 'create' },
    );
    expect(value[BADGE]).toEqual({
      badgeNumber: 7,
      issued: '2008-01-23T04:56:22Z',
      weight: 2.5,
      photo: 'TWFu',
    });
  });
});

describe('format checks', () => {
  it.each(DATE_TIMES)('isDateTime(%j) is %j', (text, expected) => expect(isDateTime(text)).toBe(expected));
  it.each(BINARIES)('isBase64(%j) is %j', (text, expected) => expect(isBase64(text)).toBe(expected));
});

describe('issuesToScimError', () => {
  const issuesOf = (input: unknown) => {
    const result = validateResource(input, users(), { mode: 'create' });
    if (result.ok) throw new Error('expected issues');
    return result.issues;
  };

  it('is invalidValue for value problems', () => {
    expect(issuesToScimError(issuesOf({ schemas: [USER], active: 'maybe' })).toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "active: expected a boolean, received string; userName: a value is required",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidValue",
        "status": "400",
      }
    `);
  });

  it('is invalidSyntax when schemas is wrong', () => {
    expect(issuesToScimError(issuesOf({ schemas: ['urn:example:nope'], userName: 'x' })).toJSON())
      .toMatchInlineSnapshot(`
      {
        "detail": "schemas: "urn:example:nope" is not a schema of this resource type; schemas: "schemas" must list "urn:ietf:params:scim:schemas:core:2.0:User"",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidSyntax",
        "status": "400",
      }
    `);
  });

  it('lists at most five issues', () => {
    const input = { schemas: [USER], userName: 'x', a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 };
    expect(issuesToScimError(issuesOf(input)).detail).toMatchInlineSnapshot(
      `"a: no schema of this resource type defines this attribute; b: no schema of this resource type defines this attribute; c: no schema of this resource type defines this attribute; d: no schema of this resource type defines this attribute; e: no schema of this resource type defines this attribute (and 2 more)"`,
    );
  });

  it('assertResource throws the converted error', () => {
    expect(() => assertResource('nope', users(), { mode: 'create' })).toThrowErrorMatchingInlineSnapshot(
      `[ScimError: the request body must be a JSON object]`,
    );
  });

  it('refuses an empty list', () => {
    expect(() => issuesToScimError([])).toThrow(TypeError);
  });
});
