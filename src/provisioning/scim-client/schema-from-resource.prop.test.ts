import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTE_TYPES,
  MUTABILITIES,
  RETURNED,
  UNIQUENESS,
  defineAttribute,
  toSchemaResource,
  type AttributeDefinition,
  type JsonObject,
  type SchemaDefinition,
} from '../../scim/index.js';
import { schemaFromResource } from './schema-from-resource.js';

const attributeName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,11}$/);

function uniqueByName(attributes: AttributeDefinition[]): AttributeDefinition[] {
  const seen = new Set<string>();
  return attributes.filter((a) => !seen.has(a.name.toLowerCase()) && seen.add(a.name.toLowerCase()));
}

const simpleAttribute = fc
  .record({
    name: attributeName,
    type: fc.constantFrom(...ATTRIBUTE_TYPES.filter((t) => t !== 'complex')),
    multiValued: fc.boolean(),
    required: fc.boolean(),
    caseExact: fc.boolean(),
    mutability: fc.constantFrom(...MUTABILITIES),
    returned: fc.constantFrom(...RETURNED),
    uniqueness: fc.constantFrom(...UNIQUENESS),
    description: fc.option(fc.string(), { nil: undefined }),
    canonicalValues: fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
  })
  .map(({ name, description, canonicalValues, ...rest }) =>
    defineAttribute(name, {
      ...rest,
      ...(description === undefined ? {} : { description }),
      ...(canonicalValues === undefined ? {} : { canonicalValues }),
    }),
  );

const complexAttribute = fc
  .record({
    name: attributeName,
    multiValued: fc.boolean(),
    subAttributes: fc.array(simpleAttribute, { maxLength: 4 }),
  })
  .map(({ name, multiValued, subAttributes }) =>
    defineAttribute(name, { type: 'complex', multiValued, subAttributes: uniqueByName(subAttributes) }),
  );

const schemaArbitrary: fc.Arbitrary<SchemaDefinition> = fc
  .record({
    suffix: fc.stringMatching(/^[A-Za-z0-9]{1,10}$/),
    attributes: fc.array(fc.oneof(simpleAttribute, complexAttribute), { maxLength: 8 }),
  })
  .map(({ suffix, attributes }) => ({
    id: `urn:example:scim:schemas:${suffix}`,
    name: suffix,
    attributes: uniqueByName(attributes),
  }));

describe('schemaFromResource properties', () => {
  it('inverts toSchemaResource over JSON for any schema definition', () => {
    fc.assert(
      fc.property(schemaArbitrary, (schema) => {
        const wire = JSON.parse(JSON.stringify(toSchemaResource(schema))) as JsonObject;
        const { schema: read, warnings } = schemaFromResource(wire);
        expect(warnings).toEqual([]);
        expect(read).toEqual(schema);
      }),
    );
  });
});
