import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { parsePatchRequest } from '../messages/patch-request.js';
import type { JsonObject } from '../resource/attribute-access.js';
import { validateResource } from '../resource/validate-resource.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { applyPatch } from './apply-patch.js';
import { PATCH_OP_SCHEMA } from './patch-operation.js';
import {
  deepFreeze,
  failingOperationArbitrary,
  groupArbitrary,
  userArbitrary,
  userOperationArbitrary,
  userReplaceArbitrary,
} from './testing/patch-arbitraries.js';

const registry = SchemaRegistry.withCoreSchemas();
const users = registry.resourceSchema('User');
const groups = registry.resourceSchema('Group');
const request = (operations: readonly unknown[]) =>
  parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations });
const RUNS = { numRuns: 300 };

describe('PATCH laws', () => {
  it('replace is idempotent: applying it twice equals applying it once', () => {
    fc.assert(
      fc.property(userArbitrary, userReplaceArbitrary, (user, operation) => {
        const once = applyPatch(deepFreeze(user), request([operation]), users);
        const twice = applyPatch(deepFreeze(once.resource), request([operation]), users);
        expect(twice.resource).toEqual(once.resource);
        expect(twice.changed).toBe(false);
      }),
      RUNS,
    );
  });

  it('adding a new member and removing it again restores the group', () => {
    fc.assert(
      fc.property(groupArbitrary, fc.uuid(), fc.boolean(), (group, id, byFilter) => {
        const members = (group['members'] ?? []) as JsonObject[];
        fc.pre(!members.some((m) => m['value'] === id));
        const remove = byFilter
          ? { op: 'remove', path: `members[value eq "${id}"]` }
          : { op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] };
        const result = applyPatch(
          deepFreeze(group),
          request([{ op: 'add', path: 'members', value: [{ value: id }] }, remove]),
          groups,
        );
        expect(result.resource).toEqual(group);
        expect(result.changed).toBe(false);
      }),
      RUNS,
    );
  });

  it('adding a new email and removing it by value restores the user', () => {
    fc.assert(
      fc.property(userArbitrary, fc.stringMatching(/^[a-z]{1,8}$/), (user, local) => {
        const value = `${local}@fresh.example`;
        const result = applyPatch(
          deepFreeze(user),
          request([
            { op: 'add', path: 'emails', value: { value, type: 'other' } },
            { op: 'remove', path: 'emails', value: [{ value }] },
          ]),
          users,
        );
        expect(result.resource).toEqual(user);
      }),
      RUNS,
    );
  });

  it('a request whose last operation fails throws ScimError and leaves the input unchanged', () => {
    fc.assert(
      fc.property(
        userArbitrary,
        fc.array(userOperationArbitrary, { maxLength: 5 }),
        failingOperationArbitrary,
        (user, operations, failing) => {
          const snapshot = structuredClone(user);
          const parsed = request([...operations, failing]);
          let thrown: unknown;
          try {
            applyPatch(deepFreeze(user), parsed, users);
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(ScimError);
          expect((thrown as ScimError).status).toBe(400);
          expect((thrown as ScimError).detail).toMatch(new RegExp(`^Operations\\[${operations.length}\\]`));
          expect(user).toEqual(snapshot);
        },
      ),
      RUNS,
    );
  });

  it('never mutates its input, and the result is still a valid resource', () => {
    fc.assert(
      fc.property(
        userArbitrary,
        fc.array(userOperationArbitrary, { minLength: 1, maxLength: 8 }),
        (user, operations) => {
          const snapshot = structuredClone(user);
          const { resource } = applyPatch(deepFreeze(user), request(operations), users);
          expect(user).toEqual(snapshot);
          const validation = validateResource(resource, users, { mode: 'replace' });
          expect(validation.ok ? [] : validation.issues).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('changed is false exactly when the resource is unchanged', () => {
    fc.assert(
      fc.property(
        userArbitrary,
        fc.array(userOperationArbitrary, { minLength: 1, maxLength: 4 }),
        (user, operations) => {
          const result = applyPatch(deepFreeze(user), request(operations), users);
          expect(result.changed).toBe(!isDeepStrictEqual(result.resource, user));
        },
      ),
      RUNS,
    );
  });
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
