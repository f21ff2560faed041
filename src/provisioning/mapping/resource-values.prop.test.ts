import fc from 'fast-check';
import { SchemaRegistry, type ResourceSchema } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import { CONNECTOR_PROFILES } from './connector-profiles.js';
import type { FlatValues, JsonValue, ObjectMapping } from './mapping-types.js';
import { resolveMappingTarget } from './mapping-target.js';
import { buildResource, buildResourceByPatch, readValues } from './resource-values.js';

const registry = SchemaRegistry.withCoreSchemas();
const text = fc.string({ minLength: 1, maxLength: 20, unit: 'grapheme' });
const id = fc.stringMatching(/^[A-Za-z0-9-]{1,36}$/);

/** A value mapping could produce for a path, by the target attribute's metadata. */
function valueFor(path: string, schema: ResourceSchema): fc.Arbitrary<JsonValue> {
  const resolved = resolveMappingTarget(path, schema);
  if (!resolved.ok) throw new Error(resolved.message);
  const { reference, definition } = resolved.target;
  if (reference === 'multiple') {
    return fc
      .uniqueArray(id, { minLength: 1, maxLength: 5, selector: (v) => v.toLowerCase() })
      .map((ids) => ids.map((value) => ({ value })));
  }
  if (reference === 'single' && definition.type === 'complex') return id.map((value) => ({ value }));
  if (definition.type === 'boolean') return fc.boolean();
  return text;
}

function flatValues(mapping: ObjectMapping, schema: ResourceSchema): fc.Arbitrary<FlatValues> {
  const paths = mapping.attributes.map((a) => a.target);
  const record = Object.fromEntries(paths.map((path) => [path, valueFor(path, schema)]));
  return fc.record(record, { requiredKeys: [] }) as fc.Arbitrary<FlatValues>;
}

describe('readValues ∘ buildResource', () => {
  for (const profile of Object.values(CONNECTOR_PROFILES)) {
    for (const [kind, resourceType] of [
      ['users', 'User'],
      ['groups', 'Group'],
    ] as const) {
      it(`is the identity on ${profile.name} ${kind} values`, () => {
        const schema = registry.resourceSchema(resourceType);
        const mapping = profile.mappings[kind];
        const paths = mapping.attributes.map((a) => a.target);
        fc.assert(
          fc.property(flatValues(mapping, schema), (values) => {
            expect(readValues(buildResource(values, schema), paths, schema)).toEqual(values);
          }),
          { numRuns: 200 },
        );
      });
    }
  }
});

describe('buildResource (direct writers) ≡ buildResourceByPatch (the SCIM core PATCH)', () => {
  for (const profile of Object.values(CONNECTOR_PROFILES)) {
    for (const [kind, resourceType] of [
      ['users', 'User'],
      ['groups', 'Group'],
    ] as const) {
      it(`builds the same ${profile.name} ${kind} bodies`, () => {
        const schema = registry.resourceSchema(resourceType);
        fc.assert(
          fc.property(flatValues(profile.mappings[kind], schema), (values) => {
            expect(buildResource(values, schema)).toEqual(buildResourceByPatch(values, schema));
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});
