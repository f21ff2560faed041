import { describe, expect, it } from 'vitest';
import { parsePatchRequest } from '../messages/patch-request.js';
import type { JsonObject } from '../resource/attribute-access.js';
import { defineAttribute } from '../schema/attribute.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import {
  BABS,
  BABS_ID,
  bjensen,
  ENTERPRISE,
  RFC_CASES,
  tourGuides,
  USER_SCHEMA,
  type PatchCase,
} from './apply-patch.cases.js';
import { applyPatch } from './apply-patch.js';
import { ENTRA_CASES } from './entra-conformance.cases.js';
import { PATCH_OP_SCHEMA, type ApplyPatchOptions } from './patch-operation.js';
import { catchScimError } from '../testing/catch-scim-error.js';

function patch(
  resourceType: 'User' | 'Group',
  resource: JsonObject,
  operations: readonly unknown[],
  options?: ApplyPatchOptions,
) {
  const schema = SchemaRegistry.withCoreSchemas().resourceSchema(resourceType);
  const parsed = parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
  return applyPatch(resource, parsed, schema, options);
}

function runCase(c: PatchCase): void {
  const snapshot = structuredClone(c.resource);
  if (c.error !== undefined) {
    const error = catchScimError(() => patch(c.resourceType, c.resource, c.operations));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(c.error.scimType);
    if (c.error.detail !== undefined) expect(error.detail).toMatch(c.error.detail);
  } else {
    const result = patch(c.resourceType, c.resource, c.operations);
    expect(result.resource).toEqual(c.expected);
    expect(result.changed).toBe(c.changed ?? true);
    expect(result.changedAttributes.length > 0).toBe(result.changed);
  }
  expect(c.resource).toEqual(snapshot);
}

describe('applyPatch: RFC 7644 §3.5.2', () => {
  it.each(RFC_CASES)('$name', runCase);
});

describe('applyPatch: Entra ID conformance', () => {
  it.each(ENTRA_CASES)('$name', runCase);
});

describe('applyPatch: behaviour details', () => {
  it('reports which top-level attributes changed', () => {
    const result = patch('User', bjensen(), [
      { op: 'replace', path: 'name.givenName', value: 'Barb' },
      { op: 'add', path: `${ENTERPRISE}:department`, value: 'Tours' },
      { op: 'replace', path: 'displayName', value: 'Babs Jensen' },
    ]);
    expect(result.changedAttributes).toEqual(['name', `${ENTERPRISE}:department`, 'schemas']);
  });

  it('an operation undone by a later one leaves changed false', () => {
    const result = patch('User', bjensen(), [
      { op: 'replace', path: 'displayName', value: 'Someone' },
      { op: 'replace', path: 'displayName', value: 'Babs Jensen' },
    ]);
    expect(result.changed).toBe(false);
  });

  it('shares untouched containers with the input and copies touched ones', () => {
    const input = bjensen();
    const { resource } = patch('User', input, [{ op: 'replace', path: 'name.givenName', value: 'Barb' }]);
    expect(resource).not.toBe(input);
    expect(resource['emails']).toBe(input['emails']);
    expect(resource['name']).not.toBe(input['name']);
  });

  it('without createMissingFilteredValues, a filter matching nothing is noTarget (strict RFC 7644 §3.5.2.3)', () => {
    const input = bjensen({ emails: [{ value: 'babs@jensen.org', type: 'home' }] });
    const error = catchScimError(() =>
      patch(
        'User',
        input,
        [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' }],
        {
          createMissingFilteredValues: false,
        },
      ),
    );
    expect(error.scimType).toBe('noTarget');
  });

  it('creates the value described by a conjunction of eq tests, coercing its literals', () => {
    const result = patch('User', bjensen({ emails: [] }), [
      { op: 'add', path: 'emails[type eq "work" and primary eq "true"].value', value: 'w@example.com' },
    ]);
    expect(result.resource['emails']).toEqual([{ type: 'work', primary: true, value: 'w@example.com' }]);
  });

  it('a path-less remove with a value removes those values', () => {
    const result = patch('Group', tourGuides([BABS]), [
      { op: 'remove', value: { members: [{ value: BABS_ID }] } },
    ]);
    expect(result.resource).toEqual(tourGuides());
  });

  it('immutable attributes may be added once, then not changed or removed', () => {
    const registry = SchemaRegistry.withCoreSchemas();
    const urn = 'urn:example:params:scim:schemas:extension:badge:2.0:User';
    registry.addSchema({
      id: urn,
      name: 'Badge',
      attributes: [defineAttribute('badgeId', { mutability: 'immutable' })],
    });
    registry.extendResourceType('User', urn);
    const schema = registry.resourceSchema('User');
    const ops = (op: string, value?: unknown) =>
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          value === undefined ? { op, path: `${urn}:badgeId` } : { op, path: `${urn}:badgeId`, value },
        ],
      });
    const added = applyPatch(bjensen(), ops('add', 'B-1'), schema).resource;
    expect(added[urn]).toEqual({ badgeId: 'B-1' });
    expect(added['schemas']).toEqual([USER_SCHEMA, urn]);
    expect(applyPatch(added, ops('replace', 'B-1'), schema).changed).toBe(false);
    expect(catchScimError(() => applyPatch(added, ops('replace', 'B-2'), schema)).scimType).toBe(
      'mutability',
    );
    expect(catchScimError(() => applyPatch(added, ops('remove'), schema)).scimType).toBe('mutability');
  });

  it('dedupes multi-valued string values case-insensitively unless caseExact', () => {
    const result = patch('User', bjensen(), [
      { op: 'add', path: 'emails', value: { value: 'BJENSEN@example.com', type: 'work' } },
    ]);
    expect(result.changed).toBe(false);
  });

  it('rejects an invalid dateTime or binary value through the shared value checker', () => {
    const error = catchScimError(() =>
      patch('User', bjensen(), [{ op: 'add', path: 'x509Certificates', value: [{ value: 'not base64!' }] }]),
    );
    expect(error.scimType).toBe('invalidValue');
  });
});
