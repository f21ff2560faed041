import { describe, expect, it } from 'vitest';
import { defineAttribute } from '../schema/attribute.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { ScimError } from '../errors/scim-error.js';
import { parseAttributeList } from './attribute-list.js';
import { compileProjection, projectResource } from './projection.js';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const users = () => SchemaRegistry.withCoreSchemas().resourceSchema('User');

/** RFC 7643 §8.2-style full user. */
const bjensen = {
  schemas: [USER, ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  password: 't1meMa$heen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  groups: [{ value: 'e9e30dba', display: 'Tour Guides' }],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    manager: { value: '26118915', displayName: 'John Smith' },
  },
  meta: {
    resourceType: 'User',
    version: 'W/"3694e05e9dff591"',
    location: 'https://example.com/v2/Users/2819c223',
  },
};

describe('projectResource (RFC 7644 §3.4.2.5, §3.9)', () => {
  it('default set: everything but returned:never (password)', () => {
    const { password: _password, ...expected } = bjensen;
    expect(projectResource(bjensen, users())).toEqual(expected);
  });

  it('§3.9 example: attributes=userName gives schemas, id and userName', () => {
    expect(projectResource(bjensen, users(), { attributes: 'userName' })).toEqual({
      schemas: [USER, ENTERPRISE],
      id: '2819c223-7f76-453a-919d-413861904646',
      userName: 'bjensen@example.com',
    });
  });

  it('returned:always cannot be excluded, returned:never cannot be requested', () => {
    const out = projectResource(bjensen, users(), {
      attributes: 'password,displayName',
      excludedAttributes: 'id',
    });
    expect(out).toEqual({ schemas: bjensen.schemas, id: bjensen.id, displayName: 'Babs Jensen' });
  });

  it('sub-attribute paths keep only those sub-attributes, also in multi-valued items', () => {
    expect(projectResource(bjensen, users(), { attributes: 'name.givenName,emails.value' })).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      name: { givenName: 'Barbara' },
      emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
    });
  });

  it('is case-insensitive and answers in canonical case', () => {
    const stored = { SCHEMAS: [USER], ID: '1', USERNAME: 'x', Name: { GIVENNAME: 'B', familyName: 'J' } };
    expect(projectResource(stored, users(), { attributes: 'UserName, NAME.givenname' })).toEqual({
      schemas: [USER],
      id: '1',
      userName: 'x',
      name: { givenName: 'B' },
    });
  });

  it('URN-qualified paths reach core and extension attributes', () => {
    expect(
      projectResource(bjensen, users(), { attributes: `${USER}:userName,${ENTERPRISE}:manager.value` }),
    ).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      userName: bjensen.userName,
      [ENTERPRISE]: { manager: { value: '26118915' } },
    });
  });

  it('a bare extension URN selects the whole extension', () => {
    expect(projectResource(bjensen, users(), { attributes: ENTERPRISE })).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      [ENTERPRISE]: bjensen[ENTERPRISE],
    });
  });

  it('excludedAttributes removes attributes, sub-attributes and whole extensions', () => {
    const out = projectResource(bjensen, users(), {
      excludedAttributes: `emails,name.formatted,meta,groups,${ENTERPRISE}`,
    });
    expect(out).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      externalId: '701984',
      userName: bjensen.userName,
      name: { familyName: 'Jensen', givenName: 'Barbara' },
      displayName: 'Babs Jensen',
    });
  });

  it('excludedAttributes also applies with attributes', () => {
    expect(
      projectResource(bjensen, users(), { attributes: 'name', excludedAttributes: 'name.familyName' }),
    ).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      name: { formatted: 'Ms. Barbara J Jensen, III', givenName: 'Barbara' },
    });
  });

  it('drops attributes whose projection is empty', () => {
    expect(projectResource(bjensen, users(), { attributes: 'name.middleName,emails.display' })).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
    });
  });

  it('unknown names select nothing', () => {
    expect(projectResource(bjensen, users(), { attributes: 'shoeSize,name.nick' })).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
    });
  });

  it('returned:request attributes appear only when asked for (decided by metadata)', () => {
    const registry = SchemaRegistry.withCoreSchemas();
    const EXT = 'urn:example:params:scim:schemas:extension:audit:2.0:User';
    registry.addSchema({
      id: EXT,
      name: 'Audit',
      attributes: [
        defineAttribute('lastLogin', { type: 'dateTime', returned: 'request' }),
        defineAttribute('badge', {
          type: 'complex',
          subAttributes: [
            defineAttribute('number'),
            defineAttribute('secret', { returned: 'never' }),
            defineAttribute('pin', { returned: 'request' }),
            defineAttribute('kind', { returned: 'always' }),
          ],
        }),
      ],
    });
    registry.extendResourceType('User', EXT);
    const schema = registry.resourceSchema('User');
    const resource = {
      schemas: [USER, EXT],
      id: '1',
      userName: 'x',
      [EXT]: {
        lastLogin: '2024-01-01T00:00:00Z',
        badge: { number: '7', secret: 's', pin: '1234', kind: 'k' },
      },
    };
    expect(projectResource(resource, schema)[EXT]).toEqual({ badge: { number: '7', kind: 'k' } });
    expect(projectResource(resource, schema, { attributes: `${EXT}:lastLogin` })[EXT]).toEqual({
      lastLogin: '2024-01-01T00:00:00Z',
    });
    expect(
      projectResource(resource, schema, { attributes: `${EXT}:badge.pin,${EXT}:badge.secret` })[EXT],
    ).toEqual({
      badge: { pin: '1234', kind: 'k' },
    });
    expect(
      projectResource(resource, schema, { excludedAttributes: `${EXT}:badge.kind,${EXT}:badge.number` })[EXT],
    ).toEqual({
      badge: { kind: 'k' },
    });
  });

  it('a compiled projector is reusable and leaves its input alone', () => {
    const project = compileProjection(users(), {
      attributes: ['displayName'].map((a) => ({ attribute: a })),
    });
    const before = JSON.stringify(bjensen);
    expect(project(bjensen)).toEqual({
      schemas: bjensen.schemas,
      id: bjensen.id,
      displayName: 'Babs Jensen',
    });
    expect(project({ schemas: [USER], id: '2', displayName: 'Other' })).toEqual({
      schemas: [USER],
      id: '2',
      displayName: 'Other',
    });
    expect(JSON.stringify(bjensen)).toBe(before);
  });
});

describe('parseAttributeList', () => {
  it('splits, trims and parses', () => {
    expect(parseAttributeList(` userName ,name.givenName,${ENTERPRISE}:manager`)).toEqual([
      { attribute: 'userName' },
      { attribute: 'name', subAttribute: 'givenName' },
      { schema: ENTERPRISE, attribute: 'manager' },
    ]);
    expect(parseAttributeList('')).toEqual([]);
    expect(parseAttributeList('  ')).toEqual([]);
  });

  it.each([
    ['userName,,emails', 9],
    ['userName, ', 10],
    ['userName,a b', 11],
    ['a.b.c', 3],
  ])('rejects %j with invalidPath at %i', (text, position) => {
    let caught: unknown;
    try {
      parseAttributeList(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ScimError);
    const error = caught as ScimError;
    expect(error.scimType).toBe('invalidPath');
    expect(error.position).toBe(position);
    expect(error.detail).toContain(`offset ${position}`);
  });

  it('names the bad entry and the parameter', () => {
    expect(() => parseAttributeList('userName,a b', 'excludedAttributes')).toThrowErrorMatchingInlineSnapshot(
      `[ScimError: excludedAttributes entry "a b" is not a valid attribute path: unexpected "b" after the path at offset 11]`,
    );
  });
});
