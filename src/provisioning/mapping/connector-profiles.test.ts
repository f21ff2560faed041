import { SchemaRegistry } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import { compileObjectMapping } from './compile-mapping.js';
import { CONNECTOR_PROFILES } from './connector-profiles.js';
import type { MapContext, SourceObject } from './mapping-types.js';
import { buildResource, readValues } from './resource-values.js';
import { validateJobMappings } from './validate-mappings.js';

const registry = SchemaRegistry.withCoreSchemas();
const users = registry.resourceSchema('User');
const groups = registry.resourceSchema('Group');
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const ctx: MapContext = {
  now: () => new Date('2024-05-01T12:00:00Z'),
  random: () => 0.5,
  newGuid: () => '00000000-0000-4000-8000-000000000001',
  resolveReference: (sourceId) =>
    sourceId === '5c1f0c39-9d1b-4d5e-a3a2-8c3f6c1f2b10' ? 'a7b3-boss' : undefined,
};

/** An Entra user as the provisioning service reads it, with the computed IsSoftDeleted. */
const ENTRA_USER: SourceObject = {
  objectId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userPrincipalName: 'Ann.Lee@contoso.com',
  IsSoftDeleted: false,
  accountEnabled: true,
  displayName: 'Ann Lee',
  jobTitle: 'Software Engineer',
  mail: 'ann.lee@contoso.com',
  preferredLanguage: 'en-US',
  givenName: 'Ann',
  surname: 'Lee',
  physicalDeliveryOfficeName: 'Building 4',
  streetAddress: '1 Microsoft Way',
  city: 'Redmond',
  state: 'WA',
  postalCode: '98052',
  country: 'US',
  telephoneNumber: '+1 425 555 0100',
  mobile: '+1 425 555 0101',
  facsimileTelephoneNumber: null,
  mailNickname: 'annlee',
  employeeId: '100234',
  department: 'R&D',
  manager: '5c1f0c39-9d1b-4d5e-a3a2-8c3f6c1f2b10',
};
const ENTRA_GROUP: SourceObject = {
  objectId: '9b7e3c1a-4f2d-4a5b-8c6d-1e2f3a4b5c6d',
  displayName: 'Sales',
  members: ['0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'],
};

describe('connector profiles', () => {
  it.each(Object.values(CONNECTOR_PROFILES))('$name validates against the core schemas', (profile) => {
    expect(validateJobMappings(profile.mappings, { users, groups })).toEqual([]);
  });

  it('generic-scim maps an Entra user to the body Entra POSTs', () => {
    const mapping = compileObjectMapping(CONNECTOR_PROFILES['generic-scim'].mappings.users, 'User', users);
    const mapped = mapping.map(ENTRA_USER, 'create', ctx);
    expect(mapped.unresolvedReferences).toEqual([]);
    expect(buildResource(mapped.values, users)).toEqual({
      schemas: [CORE_USER, ENTERPRISE],
      userName: 'Ann.Lee@contoso.com',
      active: true,
      displayName: 'Ann Lee',
      title: 'Software Engineer',
      emails: [{ type: 'work', value: 'ann.lee@contoso.com' }],
      preferredLanguage: 'en-US',
      name: { givenName: 'Ann', familyName: 'Lee', formatted: 'Ann Lee' },
      addresses: [
        {
          type: 'work',
          formatted: 'Building 4',
          streetAddress: '1 Microsoft Way',
          locality: 'Redmond',
          region: 'WA',
          postalCode: '98052',
          country: 'US',
        },
      ],
      phoneNumbers: [
        { type: 'work', value: '+1 425 555 0100' },
        { type: 'mobile', value: '+1 425 555 0101' },
      ],
      externalId: 'annlee',
      [ENTERPRISE]: { employeeNumber: '100234', department: 'R&D', manager: { value: 'a7b3-boss' } },
    });
    expect(mapping.matching).toEqual([{ path: 'userName', precedence: 1 }]);
    expect(mapping.referencePaths).toEqual([`${ENTERPRISE}:manager`]);
  });

  it('generic-scim disables a soft-deleted user', () => {
    const mapping = compileObjectMapping(CONNECTOR_PROFILES['generic-scim'].mappings.users, 'User', users);
    expect(mapping.map({ ...ENTRA_USER, IsSoftDeleted: true }, 'update', ctx).values.active).toBe(false);
  });

  it('atlassian-cloud maps an Entra user with its Switch on IsSoftDeleted', () => {
    const mapping = compileObjectMapping(CONNECTOR_PROFILES['atlassian-cloud'].mappings.users, 'User', users);
    expect(buildResource(mapping.map(ENTRA_USER, 'create', ctx).values, users)).toEqual({
      schemas: [CORE_USER],
      userName: 'Ann.Lee@contoso.com',
      active: true,
      name: { familyName: 'Lee', givenName: 'Ann' },
      emails: [{ type: 'work', value: 'ann.lee@contoso.com' }],
    });
    expect(mapping.map({ ...ENTRA_USER, IsSoftDeleted: true }, 'update', ctx).values.active).toBe(false);
    expect(mapping.referencePaths).toEqual([]);
  });

  it.each(Object.values(CONNECTOR_PROFILES))(
    '$name creates groups without members and syncs them',
    (profile) => {
      const mapping = compileObjectMapping(profile.mappings.groups, 'Group', groups);
      expect(mapping.syncMembers).toBe(true);
      expect(mapping.matching).toEqual([{ path: 'displayName', precedence: 1 }]);
      expect(buildResource(mapping.map(ENTRA_GROUP, 'create', ctx).values, groups)).toEqual({
        schemas: [CORE_GROUP],
        displayName: 'Sales',
        externalId: '9b7e3c1a-4f2d-4a5b-8c6d-1e2f3a4b5c6d',
      });
    },
  );

  it('a user created from the profile reads back as what was mapped', () => {
    const mapping = compileObjectMapping(CONNECTOR_PROFILES['generic-scim'].mappings.users, 'User', users);
    const { values } = mapping.map(ENTRA_USER, 'create', ctx);
    const paths = CONNECTOR_PROFILES['generic-scim'].mappings.users.attributes.map((a) => a.target);
    expect(readValues(buildResource(values, users), paths, users)).toEqual(values);
  });

  it("gives Atlassian's limits", () => {
    expect(CONNECTOR_PROFILES['atlassian-cloud'].rules).toEqual({
      filterableAttributes: { Users: ['userName', 'externalId'], Groups: ['displayName'] },
      maxPageSize: 100,
      groupRename: 'unsupported',
      bulk: 'unsupported',
    });
    expect(CONNECTOR_PROFILES['generic-scim'].rules).toEqual({ groupRename: 'supported', bulk: 'discover' });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CONNECTOR_PROFILES['generic-scim'].mappings.users.attributes[0])).toBe(true);
  });
});
