import { describe, expect, it } from 'vitest';
import { defineAttribute, type SchemaDefinition } from './attribute.js';
import { ENTERPRISE_USER_SCHEMA_ID } from './enterprise-user.js';
import { SchemaRegistry } from './schema-registry.js';

const CUSTOM: SchemaDefinition = {
  id: 'urn:example:params:scim:schemas:extension:acme:1.0:User',
  name: 'AcmeUser',
  attributes: [
    defineAttribute('badgeNumber', { caseExact: true }),
    defineAttribute('clearance', { type: 'integer' }),
  ],
};

describe('SchemaRegistry', () => {
  it('resolves core, common and extension attributes case-insensitively', () => {
    const user = SchemaRegistry.withCoreSchemas().resourceSchema('user');
    expect(user.findAttribute('USERNAME')?.definition.name).toBe('userName');
    expect(user.findAttribute('userName', 'urn:ietf:params:scim:schemas:core:2.0:User')?.schemaUrn).toBe(
      'urn:ietf:params:scim:schemas:core:2.0:User',
    );
    expect(user.findAttribute('id')).toMatchObject({ schemaUrn: undefined, inExtension: false });
    expect(user.findAttribute('meta', user.core.id)?.definition.type).toBe('complex');
    expect(user.findAttribute('department', ENTERPRISE_USER_SCHEMA_ID.toUpperCase())).toMatchObject({
      inExtension: true,
      schemaUrn: ENTERPRISE_USER_SCHEMA_ID,
    });
    // An extension attribute is not a core attribute.
    expect(user.findAttribute('department')).toBeUndefined();
    const name = user.findAttribute('name')?.definition;
    expect(name && user.findSubAttribute(name, 'GIVENNAME')?.name).toBe('givenName');
    expect(user.hasSchema(ENTERPRISE_USER_SCHEMA_ID)).toBe(true);
    expect(user.schemaUrns).toEqual([
      'urn:ietf:params:scim:schemas:core:2.0:User',
      ENTERPRISE_USER_SCHEMA_ID,
    ]);
  });

  it('takes custom extension schemas at run time, per registry value (no global state)', () => {
    const extended = SchemaRegistry.withCoreSchemas();
    extended.addSchema(CUSTOM).extendResourceType('User', CUSTOM.id);
    const plain = SchemaRegistry.withCoreSchemas();
    expect(
      extended.resourceSchema('User').findAttribute('badgeNumber', CUSTOM.id)?.definition.caseExact,
    ).toBe(true);
    expect(plain.getSchema(CUSTOM.id)).toBeUndefined();
    expect(plain.resourceSchema('User').hasSchema(CUSTOM.id)).toBe(false);
    // The cached view is rebuilt after a change.
    const before = plain.resourceSchema('User');
    plain.addSchema(CUSTOM).extendResourceType('User', CUSTOM.id, true);
    expect(plain.resourceSchema('User')).not.toBe(before);
    expect(plain.resourceSchema('User').extensions.at(-1)).toMatchObject({ required: true });
  });

  it('rejects malformed definitions with a message naming the fault', () => {
    const registry = SchemaRegistry.withCoreSchemas();
    expect(() => registry.addSchema({ ...CUSTOM, id: 'not-a-urn' })).toThrow(/not a URN/);
    expect(() =>
      registry.addSchema({ ...CUSTOM, attributes: [defineAttribute('a'), defineAttribute('A')] }),
    ).toThrow(/"A" is defined twice/);
    expect(() =>
      registry.addSchema(registry.getSchema(ENTERPRISE_USER_SCHEMA_ID) as SchemaDefinition),
    ).toThrow(/already registered/);
    expect(() =>
      registry.addResourceType({
        id: 'Device',
        name: 'Device',
        endpoint: '/Devices',
        schema: 'urn:x:y',
        schemaExtensions: [],
      }),
    ).toThrow(/unknown schema "urn:x:y"/);
    expect(() => registry.resourceSchema('Device')).toThrow(/unknown resource type/);
  });

  it('has the core schemas of RFC 7643 §8.7.1', () => {
    const registry = SchemaRegistry.withCoreSchemas();
    expect(registry.listSchemas().map((s) => s.name)).toEqual(['User', 'Group', 'EnterpriseUser']);
    expect(registry.listResourceTypes().map((r) => r.endpoint)).toEqual(['/Users', '/Groups']);
    const members = registry.resourceSchema('Group').findAttribute('members')?.definition;
    expect(members).toMatchObject({ multiValued: true, type: 'complex' });
  });
});
