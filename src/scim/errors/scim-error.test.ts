import { describe, expect, it } from 'vitest';
import {
  SCIM_TYPE_STATUS,
  SCIM_TYPES,
  ScimError,
  invalidFilter,
  type ScimErrorStatus,
} from './scim-error.js';

describe('ScimError', () => {
  it('serialises to the RFC 7644 §3.12 error body, status as a string', () => {
    expect(new ScimError(409, 'uniqueness', 'userName "bjensen" is already taken').toJSON())
      .toMatchInlineSnapshot(`
      {
        "detail": "userName "bjensen" is already taken",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "uniqueness",
        "status": "409",
      }
    `);
    expect(new ScimError(404, undefined, 'Resource 2819c223 not found').toJSON()).toMatchInlineSnapshot(`
      {
        "detail": "Resource 2819c223 not found",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "404",
      }
    `);
  });

  it('accepts every scimType with its own status only', () => {
    for (const scimType of SCIM_TYPES) {
      const status = SCIM_TYPE_STATUS[scimType];
      expect(new ScimError(status, scimType, 'x').scimType).toBe(scimType);
      const wrong: ScimErrorStatus = status === 400 ? 409 : 400;
      expect(() => new ScimError(wrong, scimType, 'x')).toThrow(/goes with status/);
    }
  });

  it('rejects statuses that are not errors and unknown scimTypes', () => {
    expect(() => new ScimError(200 as ScimErrorStatus, undefined, 'x')).toThrow(/not an error status/);
    expect(() => new ScimError(400, 'bogus' as never, 'x')).toThrow(/unknown scimType/);
  });

  it('keeps the position of a parse fault', () => {
    const error = invalidFilter('unexpected ")" at offset 7', 7);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter', position: 7 });
    expect(error.message).toBe('unexpected ")" at offset 7');
  });

  it('reads what real service providers answer, never throwing', () => {
    expect(ScimError.fromResponse(409, { status: 409, scimType: 'uniqueness', detail: 'dup' })).toMatchObject(
      {
        status: 409,
        scimType: 'uniqueness',
        detail: 'dup',
      },
    );
    // scimType paired with the wrong status is dropped rather than trusted.
    expect(ScimError.fromResponse(400, { status: '400', scimType: 'uniqueness' })).toMatchObject({
      status: 400,
      scimType: undefined,
      detail: 'HTTP 400',
    });
    expect(ScimError.fromResponse(502, '<html>Bad gateway</html>')).toMatchObject({
      status: 502,
      detail: '<html>Bad gateway</html>',
    });
    expect(ScimError.fromResponse(418, null)).toMatchObject({ status: 400 });
    expect(ScimError.fromResponse(599, undefined)).toMatchObject({ status: 500 });
  });
});
