import { SchemaRegistry, type JsonObject } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import { MappingValidationError } from './mapping-errors.js';
import { buildResource, readValues } from './resource-values.js';

const registry = SchemaRegistry.withCoreSchemas();
const users = registry.resourceSchema('User');
const groups = registry.resourceSchema('Group');
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('buildResource', () => {
  it('creates filtered values, merges several paths into one value and lists the extension', () => {
    const body = buildResource(
      {
        userName: 'ann@contoso.com',
        active: true,
        'emails[type eq "work"].value': 'ann@contoso.com',
        'name.givenName': 'Ann',
        'name.familyName': 'Lee',
        'addresses[type eq "work"].locality': 'Seattle',
        'addresses[type eq "work"].postalCode': '98052',
        'phoneNumbers[type eq "work"].value': '+1 425 555 0100',
        'phoneNumbers[type eq "mobile"].value': '+1 425 555 0101',
        [`${ENTERPRISE}:department`]: 'R&D',
        [`${ENTERPRISE}:manager`]: { value: 'm-1' },
      },
      users,
    );
    expect(body).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'ann@contoso.com',
      active: true,
      emails: [{ type: 'work', value: 'ann@contoso.com' }],
      name: { givenName: 'Ann', familyName: 'Lee' },
      addresses: [{ type: 'work', locality: 'Seattle', postalCode: '98052' }],
      phoneNumbers: [
        { type: 'work', value: '+1 425 555 0100' },
        { type: 'mobile', value: '+1 425 555 0101' },
      ],
      [ENTERPRISE]: { department: 'R&D', manager: { value: 'm-1' } },
    });
  });

  it('leaves the extension out when no extension attribute is mapped', () => {
    expect(buildResource({ displayName: 'Sales', externalId: 'g-1' }, groups)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Sales',
      externalId: 'g-1',
    });
  });

  it('rejects a path the schema does not have', () => {
    expect(() => buildResource({ nickname2: 'x' }, users)).toThrow(MappingValidationError);
  });
});

describe('readValues', () => {
  // As a target returns a user: server-assigned members, other types, mixed case, strings for booleans.
  const fetched: JsonObject = {
    schemas: [CORE_USER, ENTERPRISE],
    id: 't-1',
    meta: { resourceType: 'User' },
    UserName: 'ann@contoso.com',
    active: 'True',
    emails: [
      { type: 'home', value: 'ann@home.example' },
      { type: 'Work', value: 'ann@contoso.com', primary: true },
    ],
    name: { givenName: 'Ann' },
    phoneNumbers: [{ type: 'mobile', value: '+1 425 555 0101' }],
    [ENTERPRISE]: {
      department: 'R&D',
      manager: { value: 'm-1', $ref: 'https://t.example/Users/m-1', displayName: 'Boss' },
    },
  };

  it('reads each path as mapping writes it and leaves out paths without a value', () => {
    expect(
      readValues(
        fetched,
        [
          'userName',
          'active',
          'emails[type eq "work"].value',
          'name.givenName',
          'name.familyName',
          'phoneNumbers[type eq "work"].value',
          'phoneNumbers[type eq "mobile"].value',
          `${ENTERPRISE}:department`,
          `${ENTERPRISE}:manager`,
          `${ENTERPRISE}:employeeNumber`,
        ],
        users,
      ),
    ).toEqual({
      userName: 'ann@contoso.com',
      active: true,
      'emails[type eq "work"].value': 'ann@contoso.com',
      'name.givenName': 'Ann',
      'phoneNumbers[type eq "mobile"].value': '+1 425 555 0101',
      [`${ENTERPRISE}:department`]: 'R&D',
      [`${ENTERPRISE}:manager`]: { value: 'm-1' },
    });
  });

  it('reads members as references', () => {
    const group = {
      displayName: 'Sales',
      members: [{ value: 'u-1', display: 'Ann', $ref: '…' }, { value: 'u-2' }],
    };
    expect(readValues(group, ['displayName', 'members'], groups)).toEqual({
      displayName: 'Sales',
      members: [{ value: 'u-1' }, { value: 'u-2' }],
    });
  });

  it('reads nothing from a missing extension', () => {
    expect(readValues({ userName: 'a' }, [`${ENTERPRISE}:department`], users)).toEqual({});
  });
});
