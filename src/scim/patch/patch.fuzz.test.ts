import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { parsePatchRequest } from '../messages/patch-request.js';
import type { JsonObject } from '../resource/attribute-access.js';
import { validateResource } from '../resource/validate-resource.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { ENTERPRISE } from './apply-patch.cases.js';
import { applyPatch } from './apply-patch.js';
import { PATCH_OP_SCHEMA } from './patch-operation.js';
import { deepFreeze, groupArbitrary, userArbitrary } from './testing/patch-arbitraries.js';

const registry = SchemaRegistry.withCoreSchemas();
const schemas = { User: registry.resourceSchema('User'), Group: registry.resourceSchema('Group') };

const USER_PATHS = [
  'displayName',
  'userName',
  'name',
  'name.givenName',
  'NAME.familyname',
  'active',
  'emails',
  'emails.value',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[type eq "work" and primary eq true].display',
  'emails[value ew "example.com" or not (type pr)]',
  'addresses[type eq "work"].streetAddress',
  'phoneNumbers[type eq "mobile"].value',
  'x509Certificates',
  'groups',
  `${ENTERPRISE}:department`,
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  ENTERPRISE,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName',
];
const GROUP_PATHS = [
  'displayName',
  'members',
  'members.value',
  'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
  'members[value eq "x"].display',
  'members[type eq "User"]',
];
const SHARED_PATHS = ['id', 'meta', 'meta.version', 'externalId', 'urn:unknown:schema:attr', 'schemas'];

/** A seed path with a few random characters inserted, deleted or replaced. */
function mutatedPath(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.constantFrom('insert', 'delete', 'replace'),
          fc.constantFrom(...'[]."\\ :()=!eqnotandor$0\u0000é'),
        ),
        {
          maxLength: 3,
        },
      ),
    )
    .map(([path, edits]) => {
      let text = path;
      for (const [at, kind, char] of edits) {
        const index = text.length === 0 ? 0 : at % text.length;
        if (kind === 'insert') text = text.slice(0, index) + char + text.slice(index);
        else if (kind === 'delete') text = text.slice(0, index) + text.slice(index + 1);
        else text = text.slice(0, index) + char + text.slice(index + 1);
      }
      return text;
    });
}

function operations(paths: readonly string[]): fc.Arbitrary<JsonObject[]> {
  const seeds = [...paths, ...SHARED_PATHS];
  const path = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...seeds) },
    { weight: 3, arbitrary: mutatedPath(seeds) },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.constantFrom(undefined, null, '', 7, ['members']) },
  );
  const key = fc.oneof(
    fc.constantFrom(...seeds),
    fc.constantFrom('value', 'type', 'primary', 'display', '$ref'),
  );
  const value = fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 3, arbitrary: fc.dictionary(key, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.dictionary(key, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }), {
        maxLength: 3,
      }),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(undefined, 'True', 'false', '2008-01-23T04:56:22Z', { value: 'x' }, [
        { value: 'y' },
      ]),
    },
  );
  const operation = fc
    .record({
      op: fc.oneof(
        { weight: 30, arbitrary: fc.constantFrom('add', 'Add', 'replace', 'Replace', 'REMOVE', 'remove') },
        { weight: 1, arbitrary: fc.constantFrom('copy', '', 3, undefined) },
      ),
      path,
      value,
    })
    .map(({ op, path: p, value: v }) => {
      const raw: JsonObject = {};
      if (op !== undefined) raw['op'] = op;
      if (p !== undefined) raw['path'] = p;
      if (v !== undefined) raw['value'] = v;
      return raw;
    });
  return fc.array(operation, { minLength: 1, maxLength: 4 });
}

const cases = fc.oneof(
  fc.record({
    type: fc.constant('User' as const),
    resource: userArbitrary,
    operations: operations(USER_PATHS),
  }),
  fc.record({
    type: fc.constant('Group' as const),
    resource: groupArbitrary,
    operations: operations(GROUP_PATHS),
  }),
);

/** Runs one request; returns how long it took in milliseconds. */
function run(type: 'User' | 'Group', resource: JsonObject, ops: readonly JsonObject[]): number {
  const started = performance.now();
  try {
    const parsed = parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: ops });
    const result = applyPatch(resource, parsed, schemas[type]);
    const validation = validateResource(result.resource, schemas[type], { mode: 'replace' });
    expect(validation.ok ? [] : validation.issues).toEqual([]);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/^Operations\[\d\]/);
  }
  return performance.now() - started;
}

// A single case may hit a GC pause on a busy machine; a slow input is slow twice in a row.
const BUDGET_MS = 50;

describe('PATCH fuzzing', () => {
  it('only ever throws ScimError 400, never mutates, and keeps resources valid', () => {
    fc.assert(
      fc.property(cases, ({ type, resource, operations: ops }) => {
        const snapshot = structuredClone(resource);
        const frozen = deepFreeze(resource);
        if (run(type, frozen, ops) > BUDGET_MS) expect(run(type, frozen, ops)).toBeLessThan(BUDGET_MS);
        expect(resource).toEqual(snapshot);
      }),
      { numRuns: 3000 },
    );
  });
});
