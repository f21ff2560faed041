import { describe, expect, it } from 'vitest';
import {
  CORE_GROUP_SCHEMA,
  CORE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  defineAttribute,
  toSchemaResource,
  type JsonObject,
} from '../../scim/index.js';
import { schemaFromResource } from './schema-from-resource.js';

describe('schemaFromResource', () => {
  it('reads back the core schemas exactly as toSchemaResource serves them', () => {
    for (const schema of [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA]) {
      const resource = JSON.parse(JSON.stringify(toSchemaResource(schema))) as JsonObject;
      const result = schemaFromResource(resource);
      expect(result.warnings).toEqual([]);
      expect(result.schema).toEqual(schema);
    }
  });

  it('fills RFC 7643 §2.2 defaults and tolerates odd casing, warning about unknown values', () => {
    const { schema, warnings } = schemaFromResource({
      ID: 'urn:acme:scim:schemas:extension:2.0:User',
      attributes: [
        { name: 'hiredOn', type: 'DateTime', mutability: 'READWRITE' },
        {
          name: 'badge',
          type: 'complex',
          multiValued: 'true',
          subAttributes: [{ name: 'number', caseExact: true }],
        },
        { name: 'level', type: 'int', uniqueness: 'tenant' },
        { name: 'bad name' },
        { name: 'hiredon', type: 'string' },
      ],
    });
    expect(schema).toEqual({
      id: 'urn:acme:scim:schemas:extension:2.0:User',
      name: 'User',
      attributes: [
        defineAttribute('hiredOn', { type: 'dateTime' }),
        defineAttribute('badge', {
          type: 'complex',
          multiValued: true,
          subAttributes: [defineAttribute('number', { caseExact: true })],
        }),
        defineAttribute('level'),
      ],
    });
    expect(warnings).toEqual([
      'urn:acme:scim:schemas:extension:2.0:User:level type: unknown value "int", read as "string"',
      'urn:acme:scim:schemas:extension:2.0:User:level uniqueness: unknown value "tenant", read as "none"',
      'urn:acme:scim:schemas:extension:2.0:User: skipped an attribute with the unusable name "bad name"',
      'urn:acme:scim:schemas:extension:2.0:User: attribute "hiredon" is defined twice; the first definition is kept',
    ]);
  });

  it('refuses a schema whose id is not a URN', () => {
    expect(schemaFromResource({ id: 'CustomUser', attributes: [] })).toEqual({
      schema: undefined,
      warnings: ['skipped a schema whose id "CustomUser" is not a URN'],
    });
  });
});
