import { describe, expect, it } from 'vitest';
import {
  bulkBatchLength,
  bulkCreation,
  bulkRequestText,
  bulkSupportOf,
  readBulkCreateAnswer,
  type BulkCreation,
} from './bulk-create-messages.js';

const creation = (userName: string): BulkCreation => bulkCreation('Users', { userName });

describe('bulkSupportOf', () => {
  it('reads the limits of an advertised Bulk endpoint', () => {
    expect(
      bulkSupportOf({ bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 } }),
    ).toEqual({
      maxOperations: 1000,
      maxPayloadSize: 1048576,
    });
    expect(bulkSupportOf({ BULK: { Supported: true, maxOperations: '10' } })).toEqual({
      maxOperations: 10,
      maxPayloadSize: 1048576,
    });
  });

  it('is undefined when Bulk is off, absent, or too small to help', () => {
    for (const config of [
      {},
      { bulk: { supported: false, maxOperations: 1000 } },
      { bulk: { supported: 'true', maxOperations: 1000 } },
      { bulk: { supported: true } },
      { bulk: { supported: true, maxOperations: 1 } },
      { bulk: { supported: true, maxOperations: -5 } },
    ]) {
      expect(bulkSupportOf(config)).toBeUndefined();
    }
  });
});

describe('bulkBatchLength and bulkRequestText', () => {
  it('takes as many creations as the cap, maxOperations and maxPayloadSize allow', () => {
    const creations = Array.from({ length: 10 }, (_, i) => creation(`user${i}@example.com`));
    expect(bulkBatchLength(creations, { maxOperations: 1000, maxPayloadSize: 1e6 }, 50)).toBe(10);
    expect(bulkBatchLength(creations, { maxOperations: 4, maxPayloadSize: 1e6 }, 50)).toBe(4);
    expect(bulkBatchLength(creations, { maxOperations: 1000, maxPayloadSize: 1e6 }, 3)).toBe(3);
    const three = bulkRequestText(creations.slice(0, 3));
    const fitsThree = Buffer.byteLength(three) + 3 * 6;
    expect(bulkBatchLength(creations, { maxOperations: 1000, maxPayloadSize: fitsThree }, 50)).toBe(3);
    expect(bulkBatchLength(creations, { maxOperations: 1000, maxPayloadSize: 40 }, 50)).toBe(0);
  });

  it('writes a BulkRequest whose i-th POST carries bulkId c<i> and the resource as given', () => {
    expect(
      JSON.parse(bulkRequestText([creation('a'), bulkCreation('Groups', { displayName: 'g' })])),
    ).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'c0', data: { userName: 'a' } },
        { method: 'POST', path: '/Groups', bulkId: 'c1', data: { displayName: 'g' } },
      ],
    });
  });
});

describe('readBulkCreateAnswer', () => {
  it('gives each creation its resource, its id from the location, its failure, or missing', () => {
    const outcomes = readBulkCreateAnswer(
      {
        Operations: [
          { method: 'POST', bulkId: 'c1', status: '201', location: 'https://x/scim/Users/a%2Fb' },
          { method: 'POST', bulkId: 'c0', status: 201, response: { id: 'id-0', userName: 'a' } },
          {
            method: 'POST',
            bulkId: 'c2',
            status: '409',
            response: { status: '409', scimType: 'uniqueness', detail: 'userName taken' },
          },
          { method: 'POST', bulkId: 'c3', status: { code: '503' } },
          { method: 'POST', bulkId: 'c9', status: '201', location: 'https://x/Users/stray' },
          { method: 'POST', bulkId: 'c5', status: '201' },
        ],
      },
      7,
    )!;
    expect(outcomes[0]).toEqual({ kind: 'created', resource: { id: 'id-0', userName: 'a' } });
    expect(outcomes[1]).toEqual({ kind: 'created', resource: { id: 'a/b' } });
    expect(outcomes[2]).toMatchObject({
      kind: 'failed',
      failure: {
        code: 'Conflict',
        status: 409,
        scimType: 'uniqueness',
        detail: 'userName taken',
        retryable: false,
      },
    });
    expect(outcomes[3]).toMatchObject({
      kind: 'failed',
      failure: { code: 'ServiceUnavailable', retryable: true },
    });
    expect(outcomes[4]).toEqual({ kind: 'missing' });
    expect(outcomes[5]).toMatchObject({ kind: 'failed', failure: { code: 'NotScim', retryable: false } });
    expect(outcomes[6]).toEqual({ kind: 'missing' });
  });

  it('is undefined for an answer that is no BulkResponse', () => {
    expect(readBulkCreateAnswer({ Resources: [] }, 1)).toBeUndefined();
    expect(readBulkCreateAnswer(undefined, 1)).toBeUndefined();
  });
});
