import { describe, expect, it } from 'vitest';
import type { AttributeDefinition } from './attribute.js';
import { CORE_GROUP_SCHEMA } from './core-group.js';
import { CORE_USER_SCHEMA, USER_RESOURCE_TYPE } from './core-user.js';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';
import { toResourceTypeResource, toSchemaResource } from './meta-schemas.js';
import { SchemaRegistry } from './schema-registry.js';
import { buildServiceProviderConfig } from './service-provider-config.js';

function attribute(
  name: string,
  from: readonly AttributeDefinition[] = CORE_USER_SCHEMA.attributes,
): AttributeDefinition {
  const found = from.find((a) => a.name === name);
  if (found === undefined) throw new Error(`no attribute ${name}`);
  return found;
}
const subNames = (name: string) => attribute(name).subAttributes?.map((s) => s.name);

describe('core User schema (RFC 7643 §4.1, §8.7.1)', () => {
  it('has every attribute of §4.1, in §8.7.1 order', () => {
    expect(CORE_USER_SCHEMA.attributes.map((a) => a.name)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
  });

  it('gives the characteristics of §8.7.1', () => {
    expect(attribute('userName')).toMatchObject({ required: true, uniqueness: 'server', caseExact: false });
    expect(attribute('profileUrl')).toMatchObject({ type: 'reference', referenceTypes: ['external'] });
    expect(attribute('active').type).toBe('boolean');
    expect(attribute('password')).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(attribute('groups').mutability).toBe('readOnly');
    expect(attribute('groups').subAttributes?.every((s) => s.mutability === 'readOnly')).toBe(true);
    expect(attribute('$ref', attribute('groups').subAttributes)).toMatchObject({
      referenceTypes: ['User', 'Group'],
    });
    expect(attribute('value', attribute('photos').subAttributes)).toMatchObject({
      type: 'reference',
      referenceTypes: ['external'],
    });
    expect(attribute('value', attribute('x509Certificates').subAttributes).type).toBe('binary');
    for (const name of [
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]) {
      expect(attribute(name)).toMatchObject({ type: 'complex', multiValued: true });
    }
  });

  it('gives sub-attributes and canonical values', () => {
    expect(subNames('name')).toEqual([
      'formatted',
      'familyName',
      'givenName',
      'middleName',
      'honorificPrefix',
      'honorificSuffix',
    ]);
    expect(subNames('addresses')).toEqual([
      'formatted',
      'streetAddress',
      'locality',
      'region',
      'postalCode',
      'country',
      'type',
      'primary',
    ]);
    for (const name of [
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'entitlements',
      'roles',
      'x509Certificates',
    ]) {
      expect(subNames(name)).toEqual(['value', 'display', 'type', 'primary']);
    }
    const canonical = (name: string) => attribute('type', attribute(name).subAttributes).canonicalValues;
    expect(canonical('emails')).toEqual(['work', 'home', 'other']);
    expect(canonical('phoneNumbers')).toEqual(['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    expect(canonical('ims')).toEqual(['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']);
    expect(canonical('photos')).toEqual(['photo', 'thumbnail']);
    expect(canonical('addresses')).toEqual(['work', 'home', 'other']);
    expect(canonical('groups')).toEqual(['direct', 'indirect']);
  });

  it('registers without duplicate names', () => {
    expect(() => SchemaRegistry.withCoreSchemas()).not.toThrow();
  });
});

describe('Group and Enterprise User (RFC 7643 §4.2, §4.3, §8.7.1)', () => {
  it('members are immutable with value, $ref and type', () => {
    const members = attribute('members', CORE_GROUP_SCHEMA.attributes);
    expect(
      members.subAttributes?.filter((s) => s.name !== 'display').every((s) => s.mutability === 'immutable'),
    ).toBe(true);
    expect(attribute('type', members.subAttributes).canonicalValues).toEqual(['User', 'Group']);
  });

  it('manager.displayName is readOnly', () => {
    const manager = attribute('manager', ENTERPRISE_USER_SCHEMA.attributes);
    expect(attribute('displayName', manager.subAttributes).mutability).toBe('readOnly');
    expect(attribute('$ref', manager.subAttributes).referenceTypes).toEqual(['User']);
  });
});

describe('discovery resources (RFC 7643 §5–§7)', () => {
  it('serves a schema at /Schemas/{id}', () => {
    const resource = toSchemaResource(ENTERPRISE_USER_SCHEMA);
    expect(resource.schemas).toEqual(['urn:ietf:params:scim:schemas:core:2.0:Schema']);
    expect(resource.meta).toEqual({
      resourceType: 'Schema',
      location: '/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
    });
    expect(resource.attributes[0]).toStrictEqual({
      name: 'employeeNumber',
      type: 'string',
      multiValued: false,
      description: ENTERPRISE_USER_SCHEMA.attributes[0]?.description,
      required: false,
      caseExact: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    });
    const manager = resource.attributes.find((a) => a.name === 'manager');
    expect(manager).not.toHaveProperty('caseExact');
    expect(manager?.subAttributes?.map((s) => s.name)).toEqual(['value', '$ref', 'displayName']);
    expect(toSchemaResource(CORE_USER_SCHEMA, 'https://example.com/v2/Schemas/x').meta.location).toBe(
      'https://example.com/v2/Schemas/x',
    );
    expect(JSON.parse(JSON.stringify(toSchemaResource(CORE_USER_SCHEMA)))).toEqual(
      toSchemaResource(CORE_USER_SCHEMA),
    );
  });

  it('serves the User resource type as in §8.6', () => {
    expect(toResourceTypeResource(USER_RESOURCE_TYPE)).toStrictEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      schemaExtensions: [
        { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
      ],
      meta: { resourceType: 'ResourceType', location: '/ResourceTypes/User' },
    });
  });

  it('builds a ServiceProviderConfig with RFC 9865 pagination', () => {
    const config = buildServiceProviderConfig({
      patch: true,
      bulk: { maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { maxResults: 200 },
      etag: true,
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 500,
        cursorTimeout: 3600,
      },
    });
    expect(config).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        maxPageSize: 500,
        cursorTimeout: 3600,
      },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: '/ServiceProviderConfig' },
    });
    expect(buildServiceProviderConfig()).toMatchObject({
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: false, maxResults: 0 },
    });
    expect(buildServiceProviderConfig()).not.toHaveProperty('pagination');
  });
});
