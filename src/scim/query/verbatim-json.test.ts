import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../resource/attribute-access.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { compileProjection } from './projection.js';
import { compileVerbatimCheck } from './verbatim-json.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
const RESERVED = ['id', 'meta', 'groups'];
const check = compileVerbatimCheck(schema, {}, RESERVED);
const project = compileProjection(schema, {});

/** What a store holds for a user: `schemas` first, canonical names. */
const stored: JsonObject = {
  schemas: [USER, ENTERPRISE],
  userName: 'bjensen@example.com',
  externalId: '701984',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915', displayName: 'John Smith' } },
};

/** The answer built from the parts, as a server does (without the members it adds). */
function served(json: string): string | undefined {
  const parts = check(json);
  return parts === undefined ? undefined : `{"schemas":${parts.schemas}${parts.rest}}`;
}

describe('compileVerbatimCheck', () => {
  it('splits a canonical stored user into schemas and the rest, equal to projecting it', () => {
    const json = JSON.stringify(stored);
    expect(check(json)).toEqual({
      schemas: JSON.stringify(stored.schemas),
      rest: json.slice(`{"schemas":${JSON.stringify(stored.schemas)}`.length, -1),
    });
    expect(served(json)).toBe(JSON.stringify(project(stored)));
    expect(served('{"schemas":[]}')).toBe('{"schemas":[]}');
    expect(served('{"schemas":["a"] , "userName" : "x" }')).toBe('{"schemas":["a"], "userName" : "x" }');
    // Only what a store writes: `schemas` right at the start.
    expect(served('{"schemas": ["a"]}')).toBeUndefined();
  });

  it.each([
    ['a returned:never attribute', { ...stored, password: 'secret' }],
    ['a name in another case', { ...stored, USERNAME: 'x' }],
    ['an unknown sub-attribute', { ...stored, name: { givenName: 'B', nickname: 'Babs' } }],
    ['a sub-attribute in another case', { ...stored, name: { GivenName: 'B' } }],
    ['an empty complex value', { ...stored, name: {} }],
    ['an empty multi-valued attribute', { ...stored, emails: [] }],
    ['an empty item of a multi-valued attribute', { ...stored, emails: [{}] }],
    ['a member the server adds itself', { ...stored, meta: { version: 'W/"1"' } }],
    ['the derived groups', { ...stored, groups: [{ value: 'g' }] }],
    ['an extension that is not an object', { ...stored, [ENTERPRISE]: 'x' }],
    ['an empty extension', { ...stored, [ENTERPRISE]: {} }],
    [
      'an extension URN in another case',
      { schemas: [USER], [ENTERPRISE.toUpperCase()]: { employeeNumber: '1' } },
    ],
  ])('declines %s', (_what, resource) => {
    expect(check(JSON.stringify(resource))).toBeUndefined();
  });

  it.each([
    ['schemas not first', '{"userName":"x","schemas":[]}'],
    ['schemas twice', '{"schemas":[],"schemas":[]}'],
    ['an escaped name', '{"schemas":[],"user\\u004eame":"x"}'],
    ['trailing text', '{"schemas":[]} x'],
    ['a truncated text', '{"schemas":[],"userName":"x'],
    ['a missing value', '{"schemas":[],"userName":}'],
    ['a missing comma', '{"schemas":[] "userName":"x"}'],
  ])('declines text with %s', (_what, json) => {
    expect(check(json)).toBeUndefined();
  });

  it('serves exactly what decoding and projecting would, or declines (random resources)', () => {
    const names = [
      'userName',
      'USERNAME',
      'displayName',
      'password',
      'active',
      'nickName',
      'unknownThing',
      'name',
      'emails',
      'Emails',
      'addresses',
      'x509Certificates',
      'id',
      ENTERPRISE,
    ];
    const subNames = [
      'value',
      'type',
      'primary',
      'givenName',
      'familyName',
      'Value',
      'display',
      'bogus',
      '$ref',
    ];
    const scalar = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    );
    const complex = fc.dictionary(fc.constantFrom(...subNames), scalar, { maxKeys: 4 });
    const value = fc.oneof(scalar, complex, fc.array(fc.oneof(complex, scalar), { maxLength: 3 }));
    const extension = fc.dictionary(
      fc.constantFrom('employeeNumber', 'manager', 'department', 'Department', 'other'),
      value,
      {
        maxKeys: 3,
      },
    );
    const resource = fc
      .tuple(
        fc.array(fc.constantFrom(USER, ENTERPRISE), { maxLength: 2 }),
        fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 6 }),
        fc.option(extension, { nil: undefined }),
      )
      .map(([schemas, members, ext]): JsonObject => ({
        schemas,
        ...members,
        ...(ext === undefined ? {} : { [ENTERPRISE]: ext }),
      }));
    let accepted = 0;
    fc.assert(
      fc.property(resource, (r) => {
        const json = JSON.stringify(r);
        const answer = served(json);
        if (answer === undefined) return;
        accepted++;
        expect(answer).toBe(JSON.stringify(project(JSON.parse(json) as JsonObject)));
      }),
      { numRuns: 3000 },
    );
    // The check must not be vacuous: a fair share of the random resources is served verbatim.
    expect(accepted).toBeGreaterThan(100);
  });
});
