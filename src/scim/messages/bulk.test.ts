import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import {
  buildBulkResponse,
  bulkErrorResult,
  findBulkIdReferences,
  orderBulkOperations,
  parseBulkRequest,
  shouldStopBulk,
  substituteBulkIds,
  type BulkOperation,
} from './bulk.js';
import {
  BULK_REQUEST,
  INVALID_BULK_REQUESTS,
  RFC_BULK_ERROR_RESPONSE,
  RFC_BULK_ID_REQUEST,
  RFC_BULK_ID_RESPONSE,
  RFC_BULK_REQUEST,
  RFC_BULK_RESPONSE,
  RFC_BULK_TWO_ERRORS_RESPONSE,
  RFC_CIRCULAR_REQUEST,
} from './bulk.cases.js';
import { catchScimError } from '../testing/catch-scim-error.js';

const LIMITS = { maxOperations: 1000, maxPayloadSize: 1_048_576 };

const post = (index: number, bulkId: string, data: Record<string, unknown> = {}): BulkOperation => ({
  index,
  method: 'POST',
  path: '/Groups',
  endpoint: '/Groups',
  bulkId,
  data,
});

describe('parseBulkRequest (RFC 7644 §3.7)', () => {
  it('parses the §3.7.1 example and wraps the bare PATCH array into a PatchOp', () => {
    const request = parseBulkRequest(RFC_BULK_REQUEST, LIMITS);
    expect(request.failOnErrors).toBeUndefined();
    expect(request.operations.map((o) => [o.method, o.endpoint, o.resourceId, o.bulkId, o.version])).toEqual([
      ['POST', '/Users', undefined, 'qwerty', undefined],
      ['PUT', '/Users', 'b7c14771-226c-4d05-8860-134711653041', undefined, 'W/"3694e05e9dff591"'],
      ['PATCH', '/Users', '5d8d29d3-342c-4b5f-8683-a3cb6763ffcc', undefined, 'W/"edac3253e2c0ef2"'],
      ['DELETE', '/Users', 'e9025315-6bea-44e1-899c-1e07454e468b', undefined, 'W/"0ee8add0a938e1a"'],
    ]);
    expect(request.operations[2]?.data).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'remove', path: 'nickName' },
        { op: 'replace', path: 'userName', value: 'Dave' },
      ],
    });
    expect(request.operations[3]).not.toHaveProperty('data');
  });

  it('accepts methods and member names in any case, and failOnErrors', () => {
    const request = parseBulkRequest(
      {
        SCHEMAS: [BULK_REQUEST.toUpperCase()],
        FailOnErrors: 1,
        operations: [
          { Method: 'delete', PATH: '/Groups/abc' },
          { method: 'Patch', path: '/Groups/abc', data: {} },
        ],
      },
      LIMITS,
    );
    expect(request.failOnErrors).toBe(1);
    expect(request.operations.map((o) => o.method)).toEqual(['DELETE', 'PATCH']);
  });

  it.each(INVALID_BULK_REQUESTS)('refuses $name with invalidSyntax', ({ body, detail }) => {
    const error = catchScimError(() => parseBulkRequest(body, LIMITS));
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toContain(detail);
  });

  it('too many operations is 413 naming the limit (§3.7.4)', () => {
    const error = catchScimError(() => parseBulkRequest(RFC_BULK_REQUEST, { maxOperations: 3 }));
    expect(error.toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "The number of operations (4) exceeds the maxOperations (3).",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "413",
      }
    `);
  });

  it('too large a payload is 413 naming maxPayloadSize, as in the §3.7.4 example', () => {
    const error = catchScimError(() =>
      parseBulkRequest(RFC_BULK_REQUEST, {
        maxOperations: 10,
        maxPayloadSize: 1_048_576,
        payloadSize: 2_000_000,
      }),
    );
    expect(error.toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "The size of the bulk operation exceeds the maxPayloadSize (1048576).",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "413",
      }
    `);
  });

  it('measures the payload itself when no size is given, in UTF-8 bytes', () => {
    const body = {
      schemas: [BULK_REQUEST],
      Operations: [{ method: 'DELETE', path: '/Users/1', note: 'é€😀' }],
    };
    const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
    expect(() => parseBulkRequest(body, { maxOperations: 10, maxPayloadSize: bytes })).not.toThrow();
    expect(
      catchScimError(() => parseBulkRequest(body, { maxOperations: 10, maxPayloadSize: bytes - 1 })).status,
    ).toBe(413);
  });
});

describe('bulkId references (RFC 7644 §3.7.2)', () => {
  it('finds references in data values, paths and $ref URLs, once each', () => {
    expect(
      findBulkIdReferences({
        members: [
          { type: 'User', value: 'bulkId:qwerty' },
          { value: 'bulkId:qwerty', $ref: 'https://example.com/v2/Users/bulkId:abc' },
        ],
        path: '/Groups/bulkId:ytrewq',
        note: 'see bulkId:not-a-segment',
        n: 3,
      }),
    ).toEqual(['qwerty', 'abc', 'ytrewq']);
  });

  it('substitutes known ids and leaves unknown references', () => {
    const ids = new Map([
      ['qwerty', '92b725cd9465'],
      ['abc', 'a1'],
    ]);
    const data = {
      members: [{ value: 'bulkId:qwerty', $ref: '/Users/bulkId:abc' }, { value: 'bulkId:zzz' }],
    };
    const out = substituteBulkIds(data, ids);
    expect(out).toEqual({ members: [{ value: '92b725cd9465', $ref: '/Users/a1' }, { value: 'bulkId:zzz' }] });
    expect(findBulkIdReferences(out)).toEqual(['zzz']);
    expect(data.members[0]?.value).toBe('bulkId:qwerty');
    expect(substituteBulkIds('/Groups/bulkId:qwerty', ids)).toBe('/Groups/92b725cd9465');
  });

  it('§3.7.2 example: the group runs after the user it references', () => {
    const { operations } = parseBulkRequest(RFC_BULK_ID_REQUEST, LIMITS);
    const plan = orderBulkOperations(operations);
    expect(plan.order.map((o) => o.bulkId)).toEqual(['qwerty', 'ytrewq']);
    expect(plan.failures.size).toBe(0);
  });

  it('moves an operation after the POST it references, otherwise keeping request order', () => {
    const operations: BulkOperation[] = [
      post(0, 'group', { members: [{ value: 'bulkId:user' }] }),
      { index: 1, method: 'DELETE', path: '/Users/x', endpoint: '/Users', resourceId: 'x' },
      post(2, 'user'),
      {
        index: 3,
        method: 'PATCH',
        path: '/Groups/bulkId:group',
        endpoint: '/Groups',
        resourceId: 'bulkId:group',
        data: {},
      },
    ];
    expect(orderBulkOperations(operations).order.map((o) => o.index)).toEqual([1, 2, 0, 3]);
  });

  it('§3.7.1 circular example: each operation of the cycle fails with 409', () => {
    const { operations } = parseBulkRequest(RFC_CIRCULAR_REQUEST, LIMITS);
    const plan = orderBulkOperations(operations);
    expect(plan.order).toEqual([]);
    expect([...plan.failures.keys()]).toEqual([0, 1]);
    expect(plan.failures.get(0)?.toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "circular bulkId references between Operations[0] (bulkId "qwerty"), Operations[1] (bulkId "ytrewq"); the service provider does not resolve cycles (RFC 7644 §3.7.1)",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "409",
      }
    `);
  });

  it('fails self-references, dependents of a cycle and unknown bulkIds; the rest runs', () => {
    const operations: BulkOperation[] = [
      post(0, 'self', { manager: { value: 'bulkId:self' } }),
      post(1, 'a', { members: [{ value: 'bulkId:b' }] }),
      post(2, 'b', { members: [{ value: 'bulkId:a' }] }),
      post(3, 'c', { members: [{ value: 'bulkId:a' }] }),
      post(4, 'd', { members: [{ value: 'bulkId:c' }] }),
      post(5, 'e', { members: [{ value: 'bulkId:nowhere' }] }),
      post(6, 'f'),
    ];
    const plan = orderBulkOperations(operations);
    expect(plan.order.map((o) => o.index)).toEqual([6]);
    const failures = Object.fromEntries(
      [...plan.failures].map(([i, e]) => [i, [e.status, e.scimType, e.detail]]),
    );
    expect(failures).toEqual({
      0: [409, undefined, expect.stringContaining('Operations[0] (bulkId "self") references its own bulkId')],
      1: [
        409,
        undefined,
        expect.stringContaining('between Operations[1] (bulkId "a"), Operations[2] (bulkId "b")'),
      ],
      2: [
        409,
        undefined,
        expect.stringContaining('between Operations[1] (bulkId "a"), Operations[2] (bulkId "b")'),
      ],
      3: [409, undefined, 'Operations[3] depends on Operations[1] (bulkId "a"), which failed'],
      4: [409, undefined, 'Operations[4] depends on Operations[3] (bulkId "c"), which failed'],
      5: [400, 'invalidValue', expect.stringContaining('bulkId "nowhere"')],
    });
  });

  it('references to a non-POST bulkId do not resolve', () => {
    const operations: BulkOperation[] = [
      { index: 0, method: 'DELETE', path: '/Users/x', endpoint: '/Users', resourceId: 'x', bulkId: 'del' },
      post(1, 'g', { members: [{ value: 'bulkId:del' }] }),
    ];
    expect(orderBulkOperations(operations).failures.get(1)?.scimType).toBe('invalidValue');
  });
});

describe('buildBulkResponse (RFC 7644 §3.7.3)', () => {
  it('reproduces the §3.7.3 response', () => {
    expect(
      buildBulkResponse([
        {
          method: 'POST',
          bulkId: 'qwerty',
          version: 'W/"oY4m4wn58tkVjJxK"',
          location: 'https://example.com/v2/Users/92b725cd9465',
          status: 201,
        },
        {
          method: 'PUT',
          version: 'W/"huJj29dMNgu3WXPD"',
          location: 'https://example.com/v2/Users/b7c14771-226c-4d05-8860-134711653041',
          status: 200,
        },
        {
          method: 'PATCH',
          version: 'W/"huJj29dMNgu3WXPD"',
          location: 'https://example.com/v2/Users/5d8d29d3-342c-4b5f-8683-a3cb6763ffcc',
          status: 200,
        },
        {
          method: 'DELETE',
          location: 'https://example.com/v2/Users/e9025315-6bea-44e1-899c-1e07454e468b',
          status: 204,
        },
      ]),
    ).toStrictEqual(RFC_BULK_RESPONSE);
  });

  it('reproduces the §3.7.2 response', () => {
    expect(
      buildBulkResponse([
        {
          method: 'POST',
          bulkId: 'qwerty',
          version: 'W/"4weymrEsh5O6cAEK"',
          location: 'https://example.com/v2/Users/92b725cd9465',
          status: 201,
        },
        {
          method: 'POST',
          bulkId: 'ytrewq',
          version: 'W/"lha5bbazU3fNvfe5"',
          location: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
          status: 201,
        },
      ]),
    ).toStrictEqual(RFC_BULK_ID_RESPONSE);
  });

  it('reproduces the §3.7.3 error responses, stopping at failOnErrors', () => {
    const postError = new ScimError(
      400,
      'invalidSyntax',
      'Request is unparsable, syntactically incorrect, or violates schema.',
    );
    const putError = new ScimError(412, undefined, 'Failed to update.  Resource changed on the server.');
    const results = [
      bulkErrorResult({ method: 'POST', bulkId: 'qwerty' }, postError),
      bulkErrorResult(
        { method: 'PUT' },
        putError,
        'https://example.com/v2/Users/b7c14771-226c-4d05-8860-134711653041',
      ),
    ];
    expect(shouldStopBulk(1, 1)).toBe(true);
    expect(buildBulkResponse(results.slice(0, 1))).toStrictEqual(RFC_BULK_ERROR_RESPONSE);
    expect(shouldStopBulk(1, 2)).toBe(false);
    expect(shouldStopBulk(2, 2)).toBe(true);
    expect(buildBulkResponse(results)).toStrictEqual(RFC_BULK_TWO_ERRORS_RESPONSE);
    expect(shouldStopBulk(50, undefined)).toBe(false);
  });

  it('passes a plain response body through', () => {
    const out = buildBulkResponse([{ method: 'POST', bulkId: 'x', status: 201, response: { id: '1' } }]);
    expect(out.Operations[0]).toStrictEqual({
      method: 'POST',
      bulkId: 'x',
      status: '201',
      response: { id: '1' },
    });
  });
});
