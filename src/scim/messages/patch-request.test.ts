import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { PATCH_OP_SCHEMA } from '../patch/patch-operation.js';
import { parsePatchRequest } from './patch-request.js';

function failure(body: unknown, options?: { maxOperations?: number }): ScimError {
  try {
    parsePatchRequest(body, options);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

const request = (...operations: unknown[]) => ({ schemas: [PATCH_OP_SCHEMA], Operations: operations });

describe('parsePatchRequest', () => {
  it('normalises op to lower case and parses paths once', () => {
    const operations = parsePatchRequest(
      request(
        { op: 'Add', path: 'members', value: [{ value: '1' }] },
        { op: 'REPLACE', path: 'emails[type eq "work"].value', value: 'x' },
        { op: 'Remove', path: 'members[value eq "2"]' },
      ),
    );
    expect(operations.map((o) => o.op)).toEqual(['add', 'replace', 'remove']);
    expect(operations[1]?.path).toMatchObject({ attribute: 'emails', subAttribute: 'value' });
    expect(operations[1]?.path?.valueFilter?.kind).toBe('comparison');
    expect(operations[1]?.pathText).toBe('emails[type eq "work"].value');
    expect(operations[2]).not.toHaveProperty('value');
  });

  it('returns the same path object for the same path text', () => {
    const [a] = parsePatchRequest(request({ op: 'remove', path: 'members[value eq "9"]' }));
    const [b] = parsePatchRequest(request({ op: 'remove', path: 'members[value eq "9"]' }));
    expect(a?.path).toBe(b?.path);
  });

  it('treats an empty or null path as no path', () => {
    const operations = parsePatchRequest(
      request(
        { op: 'replace', path: '', value: { active: false } },
        { op: 'add', path: null, value: { title: 'x' } },
      ),
    );
    expect(operations.every((o) => o.path === undefined)).toBe(true);
  });

  it('accepts a remove without a path when it has a value', () => {
    const [operation] = parsePatchRequest(request({ op: 'remove', value: { members: [{ value: '1' }] } }));
    expect(operation).toEqual({ op: 'remove', value: { members: [{ value: '1' }] } });
  });

  it.each([
    ['a non-object body', 'x', 'invalidSyntax', /JSON object/],
    ['missing schemas', { Operations: [{ op: 'add', value: {} }] }, 'invalidSyntax', /PatchOp/],
    [
      'the wrong schema',
      { schemas: ['urn:x'], Operations: [{ op: 'add', value: {} }] },
      'invalidSyntax',
      /PatchOp/,
    ],
    ['no Operations', { schemas: [PATCH_OP_SCHEMA] }, 'invalidSyntax', /Operations/],
    ['empty Operations', request(), 'invalidSyntax', /non-empty/],
    ['a non-object operation', request('add'), 'invalidSyntax', /^Operations\[0\]: /],
    ['an unknown op', request({ op: 'move', path: 'a' }), 'invalidSyntax', /^Operations\[0\]\.op: "move"/],
    ['a missing op', request({ path: 'a', value: 1 }), 'invalidSyntax', /^Operations\[0\]\.op: missing/],
    [
      'a non-string path',
      request({ op: 'add', path: 7, value: 1 }),
      'invalidPath',
      /^Operations\[0\]\.path: /,
    ],
    ['add without value', request({ op: 'add', path: 'title' }), 'invalidValue', /^Operations\[0\]\.value: /],
    [
      'remove without path or value',
      request({ op: 'add', value: {} }, { op: 'remove' }),
      'noTarget',
      /^Operations\[1\]\.path: /,
    ],
    [
      'a malformed path',
      request({ op: 'remove', path: 'name..givenName' }),
      'invalidPath',
      /^Operations\[0\]\.path: /,
    ],
    [
      'a malformed filter',
      request({ op: 'remove', path: 'emails[type xx "a"]' }),
      'invalidFilter',
      /^Operations\[0\]\.path: /,
    ],
  ])('rejects %s', (_name, body, scimType, detail) => {
    const error = failure(body);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe(scimType);
    expect(error.detail).toMatch(detail);
  });

  it('keeps the parser position on path errors', () => {
    const error = failure(request({ op: 'remove', path: 'emails[type eq "a"' }));
    expect(error.position).toBeTypeOf('number');
  });

  it('bounds the number of operations and says so', () => {
    const operations = Array.from({ length: 4 }, () => ({ op: 'add', path: 'title', value: 'x' }));
    expect(parsePatchRequest(request(...operations), { maxOperations: 4 })).toHaveLength(4);
    const error = failure(request(...operations), { maxOperations: 3 });
    expect(error.status).toBe(413);
    expect(error.detail).toMatch(/at most 3/);
    expect(failure(request(...Array.from({ length: 1001 }, () => operations[0]))).detail).toMatch(
      /at most 1000/,
    );
  });
});
