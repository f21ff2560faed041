import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { toScimErrorResponse } from './error-response.js';
import { buildListResponse } from './list-response.js';

describe('buildListResponse (RFC 7644 §3.4.2)', () => {
  it('builds the §3.4.2.4 paged response', () => {
    const resources = [{ id: '1' }, { id: '2' }];
    const body = buildListResponse({ resources, totalResults: 100, startIndex: 1 });
    expect(body).toStrictEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 100,
      itemsPerPage: 2,
      startIndex: 1,
      Resources: resources,
    });
    expect(Object.keys(body)).toEqual(['schemas', 'totalResults', 'itemsPerPage', 'startIndex', 'Resources']);
  });

  it('keeps an empty Resources array', () => {
    expect(buildListResponse({ resources: [], totalResults: 0 }).Resources).toEqual([]);
  });

  it('carries RFC 9865 cursors and no startIndex for cursor pages', () => {
    expect(
      buildListResponse({
        resources: [{ id: '1' }],
        totalResults: 5,
        itemsPerPage: 1,
        nextCursor: 'VZUTiy',
        previousCursor: 'ZTDqQ',
      }),
    ).toStrictEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 5,
      itemsPerPage: 1,
      nextCursor: 'VZUTiy',
      previousCursor: 'ZTDqQ',
      Resources: [{ id: '1' }],
    });
  });

  it('refuses a total below the page size', () => {
    expect(() => buildListResponse({ resources: [{}, {}], totalResults: 1 })).toThrow(TypeError);
  });
});

describe('toScimErrorResponse (RFC 7644 §3.12)', () => {
  it('answers a ScimError as itself', () => {
    expect(toScimErrorResponse(new ScimError(404, undefined, 'Resource 2819c223 not found')))
      .toMatchInlineSnapshot(`
      {
        "body": {
          "detail": "Resource 2819c223 not found",
          "schemas": [
            "urn:ietf:params:scim:api:messages:2.0:Error",
          ],
          "status": "404",
        },
        "status": 404,
      }
    `);
  });

  it('hides anything else behind a 500', () => {
    expect(toScimErrorResponse(new Error('connection string postgres://secret'))).toMatchInlineSnapshot(`
      {
        "body": {
          "detail": "Internal server error",
          "schemas": [
            "urn:ietf:params:scim:api:messages:2.0:Error",
          ],
          "status": "500",
        },
        "status": 500,
      }
    `);
  });
});
