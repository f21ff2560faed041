import {
  BULK_REQUEST_SCHEMA,
  getMember,
  isJsonObject,
  SCIM_MEDIA_TYPE,
  type JsonObject,
} from '../../scim/index.js';
import { failureFromAnswer, type AttemptFailure } from './classify-failure.js';

/** What a target's ServiceProviderConfig allows a Bulk request (RFC 7643 §5). */
export interface BulkSupport {
  readonly maxOperations: number;
  /** In bytes. */
  readonly maxPayloadSize: number;
}

/**
 * A target that advertises `bulk.supported` but no size limit gets this much: RFC 7643 makes both
 * limits REQUIRED, so a silent one is a careless config, and 1 MiB is what most servers take.
 */
const ASSUMED_MAX_PAYLOAD = 1_048_576;

function positive(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The Bulk limits a ServiceProviderConfig advertises, or undefined when it offers no Bulk endpoint. */
export function bulkSupportOf(config: JsonObject): BulkSupport | undefined {
  const bulk = getMember(config, 'bulk');
  if (!isJsonObject(bulk) || getMember(bulk, 'supported') !== true) return undefined;
  const maxOperations = positive(getMember(bulk, 'maxOperations'));
  if (maxOperations === undefined || maxOperations < 2) return undefined;
  return {
    maxOperations,
    maxPayloadSize: positive(getMember(bulk, 'maxPayloadSize')) ?? ASSUMED_MAX_PAYLOAD,
  };
}

/** One creation as it goes into a Bulk request: the resource already serialized. */
export interface BulkCreation {
  readonly endpoint: 'Users' | 'Groups';
  readonly json: string;
  /** `json`'s size in UTF-8 bytes, measured once (see {@link bulkCreation}). */
  readonly bytes: number;
}

export function bulkCreation(endpoint: BulkCreation['endpoint'], resource: unknown): BulkCreation {
  const json = JSON.stringify(resource);
  return { endpoint, json, bytes: Buffer.byteLength(json) };
}

const HEAD = `{"schemas":["${BULK_REQUEST_SCHEMA}"],"Operations":[`;
const TAIL = ']}';

function operationText(creation: Pick<BulkCreation, 'endpoint' | 'json'>, bulkId: number): string {
  return `{"method":"POST","path":"/${creation.endpoint}","bulkId":"c${bulkId}","data":${creation.json}}`;
}

const ENVELOPE_BYTES = Buffer.byteLength(HEAD) + Buffer.byteLength(TAIL);
/** An operation's bytes around its data, with room for a bulkId of up to 6 digits and a comma. */
const OPERATION_BYTES: Readonly<Record<BulkCreation['endpoint'], number>> = {
  Users: Buffer.byteLength(operationText({ endpoint: 'Users', json: '' }, 0)) + 6,
  Groups: Buffer.byteLength(operationText({ endpoint: 'Groups', json: '' }, 0)) + 6,
};

/**
 * How many of `creations` (from the front) fit one Bulk request under `support`'s limits; 0 when
 * the first alone is over the payload limit (it must go as a plain POST).
 */
export function bulkBatchLength(
  creations: readonly BulkCreation[],
  support: BulkSupport,
  cap: number,
): number {
  let bytes = ENVELOPE_BYTES;
  const most = Math.min(cap, support.maxOperations, creations.length);
  for (let count = 0; count < most; count++) {
    const creation = creations[count]!;
    bytes += OPERATION_BYTES[creation.endpoint] + creation.bytes;
    if (bytes > support.maxPayloadSize) return count;
  }
  return most;
}

/** The BulkRequest creating `creations` in order, the i-th with bulkId `c<i>`; no `failOnErrors`. */
export function bulkRequestText(creations: readonly BulkCreation[]): string {
  return HEAD + creations.map(operationText).join(',') + TAIL;
}

export type BulkCreateOutcome =
  | { readonly kind: 'created'; readonly resource: JsonObject }
  | { readonly kind: 'failed'; readonly failure: AttemptFailure }
  /** Not in the answer: the target did not get to it. */
  | { readonly kind: 'missing' };

function statusOf(operation: JsonObject): number | undefined {
  const raw = getMember(operation, 'status');
  // RFC 7644 sends "201"; SCIM 1.1 servers sent {"code": "201"}.
  const value = isJsonObject(raw) ? getMember(raw, 'code') : raw;
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) ? number : undefined;
}

/** The id a Location ends with (`…/Users/<id>`). */
function idFromLocation(location: unknown): string | undefined {
  if (typeof location !== 'string' || location === '') return undefined;
  const segments = location
    .split(/[?#]/)[0]!
    .split('/')
    .filter((s) => s !== '');
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/**
 * Each creation's outcome from a BulkResponse (RFC 7644 §3.7.3), matched by bulkId; undefined
 * when `body` is not a BulkResponse at all. A created resource is the operation's `response`
 * when the target sent one, otherwise just the id its `location` ends with.
 */
export function readBulkCreateAnswer(body: unknown, count: number): BulkCreateOutcome[] | undefined {
  const operations = isJsonObject(body) ? getMember(body, 'Operations') : undefined;
  if (!Array.isArray(operations)) return undefined;
  const outcomes: BulkCreateOutcome[] = Array.from({ length: count }, () => ({ kind: 'missing' }));
  for (const operation of operations) {
    if (!isJsonObject(operation)) continue;
    const bulkId = getMember(operation, 'bulkId');
    const index = typeof bulkId === 'string' && /^c\d+$/.test(bulkId) ? Number(bulkId.slice(1)) : -1;
    if (index < 0 || index >= count) continue;
    const status = statusOf(operation);
    const response = getMember(operation, 'response');
    if (status !== undefined && status >= 200 && status < 300) {
      const responseId = isJsonObject(response) ? response.id : undefined;
      const id =
        typeof responseId === 'string' || typeof responseId === 'number'
          ? String(responseId)
          : idFromLocation(getMember(operation, 'location'));
      outcomes[index] =
        id === undefined
          ? {
              kind: 'failed',
              failure: {
                code: 'NotScim',
                retryable: false,
                status,
                summary:
                  'the Bulk answer says the resource was created but gives neither its id nor its location',
              },
            }
          : { kind: 'created', resource: isJsonObject(response) ? response : { id } };
      continue;
    }
    const answerStatus = status ?? 500;
    outcomes[index] = {
      kind: 'failed',
      failure: failureFromAnswer({
        status: answerStatus,
        contentType: SCIM_MEDIA_TYPE,
        text: response === undefined ? '' : JSON.stringify(response),
        json: response,
        isJson: response !== undefined,
        location: undefined,
        retryAfterMs: undefined,
      }),
    };
  }
  return outcomes;
}
