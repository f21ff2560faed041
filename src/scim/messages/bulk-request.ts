import { ScimError, invalidSyntax } from '../errors/scim-error.js';
import { isJsonObject, type JsonObject } from '../resource/attribute-access.js';

export const BULK_REQUEST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const PATCH_OP_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Methods a Bulk operation may use (RFC 7644 §3.7). */
export const BULK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** One operation of a BulkRequest, checked and normalised. */
export interface BulkOperation {
  /** Position in the request's `Operations`, 0-based. */
  readonly index: number;
  readonly method: BulkMethod;
  /** REQUIRED for POST (RFC 7644 §3.7); unique within the request. */
  readonly bulkId?: string;
  /** ETag the resource must match, as `If-Match` would (RFC 7644 §3.7, §3.14). */
  readonly version?: string;
  /** As sent, e.g. `/Users` or `/Groups/bulkId:ytrewq`. */
  readonly path: string;
  /** The endpoint part of `path`, e.g. `/Users`. */
  readonly endpoint: string;
  /** The resource id part of `path`, absent for POST. May be a `bulkId:` reference. */
  readonly resourceId?: string;
  /**
   * The resource (POST, PUT) or PatchOp message (PATCH); absent for DELETE. A PATCH sent with a
   * bare array of operations is wrapped into a PatchOp message.
   */
  readonly data?: JsonObject;
}

export interface BulkRequest {
  /** Errors tolerated before the provider stops processing (RFC 7644 §3.7). */
  readonly failOnErrors?: number;
  readonly operations: readonly BulkOperation[];
}

export interface ParseBulkRequestOptions {
  /** ServiceProviderConfig `bulk.maxOperations` (RFC 7644 §3.7.4). */
  readonly maxOperations: number;
  /** ServiceProviderConfig `bulk.maxPayloadSize`, in bytes. */
  readonly maxPayloadSize?: number;
  /** Size of the raw request body in bytes; measured from the parsed body when absent. */
  readonly payloadSize?: number;
}

const PATH = /^\/([^/?#]+)(?:\/([^/?#]+))?$/;

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function fail(index: number, detail: string): ScimError {
  return invalidSyntax(`Operations[${index}]: ${detail}`);
}

function parseOperation(raw: unknown, index: number): BulkOperation {
  if (!isJsonObject(raw)) throw fail(index, 'an operation must be a JSON object');
  const members = new Map(Object.entries(raw).map(([k, v]) => [k.toLowerCase(), v] as const));
  const rawMethod = members.get('method');
  const method = typeof rawMethod === 'string' ? rawMethod.toUpperCase() : undefined;
  if (method === undefined || !(BULK_METHODS as readonly string[]).includes(method)) {
    throw fail(
      index,
      `"method" must be one of ${BULK_METHODS.join(', ')}, got ${JSON.stringify(rawMethod ?? null)}`,
    );
  }
  const bulkMethod = method as BulkMethod;
  const path = members.get('path');
  if (typeof path !== 'string') throw fail(index, '"path" is required');
  const match = PATH.exec(path);
  if (match === null) throw fail(index, `"path" must look like "/Users" or "/Users/{id}", got "${path}"`);
  const endpoint = `/${match[1] ?? ''}`;
  const resourceId = match[2];
  if (bulkMethod === 'POST' && resourceId !== undefined) {
    throw fail(index, `POST goes to a resource endpoint such as "${endpoint}", not "${path}"`);
  }
  if (bulkMethod !== 'POST' && resourceId === undefined) {
    throw fail(index, `${bulkMethod} needs a resource path such as "${endpoint}/{id}"`);
  }
  const bulkId = members.get('bulkid');
  if (bulkId !== undefined && (typeof bulkId !== 'string' || bulkId === '' || bulkId.includes('/'))) {
    throw fail(index, '"bulkId" must be a non-empty string without "/"');
  }
  if (bulkMethod === 'POST' && bulkId === undefined)
    throw fail(index, '"bulkId" is required for POST (RFC 7644 §3.7)');
  const version = members.get('version');
  if (version !== undefined && typeof version !== 'string') throw fail(index, '"version" must be a string');
  let data = members.get('data');
  // RFC 7644 §3.7.1's own example sends a PATCH's data as a bare array of operations.
  if (bulkMethod === 'PATCH' && Array.isArray(data)) data = { schemas: [PATCH_OP_SCHEMA], Operations: data };
  if (bulkMethod !== 'DELETE' && !isJsonObject(data))
    throw fail(index, `"data" is required for ${bulkMethod}`);
  return {
    index,
    method: bulkMethod,
    path,
    endpoint,
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(bulkId === undefined ? {} : { bulkId }),
    ...(version === undefined ? {} : { version }),
    ...(bulkMethod === 'DELETE' || !isJsonObject(data) ? {} : { data }),
  };
}

/**
 * Parses and checks a BulkRequest (RFC 7644 §3.7): the `schemas` URN, `Operations` with a
 * method (any case, normalised to upper case), a path of the form `/{endpoint}` (POST) or
 * `/{endpoint}/{id}`, a unique `bulkId` on every POST, and `data` for all but DELETE.
 * Too many operations or too large a payload is 413 with the limit in the detail (§3.7.4).
 *
 * @throws ScimError 413 over a limit; 400 `invalidSyntax` naming the faulty operation.
 * @example parseBulkRequest(body, { maxOperations: 1000, maxPayloadSize: 1_048_576 })
 */
export function parseBulkRequest(body: unknown, options: ParseBulkRequestOptions): BulkRequest {
  if (options.maxPayloadSize !== undefined) {
    const size = options.payloadSize ?? utf8Length(JSON.stringify(body) ?? '');
    if (size > options.maxPayloadSize) {
      throw new ScimError(
        413,
        undefined,
        `The size of the bulk operation exceeds the maxPayloadSize (${options.maxPayloadSize}).`,
      );
    }
  }
  if (!isJsonObject(body)) throw invalidSyntax('a BulkRequest body must be a JSON object');
  const members = new Map(Object.entries(body).map(([k, v]) => [k.toLowerCase(), v] as const));
  const schemas = members.get('schemas');
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === BULK_REQUEST_SCHEMA.toLowerCase())
  ) {
    throw invalidSyntax(`a BulkRequest must list "${BULK_REQUEST_SCHEMA}" in schemas`);
  }
  const rawOperations = members.get('operations');
  if (!Array.isArray(rawOperations)) throw invalidSyntax('a BulkRequest needs an "Operations" array');
  if (rawOperations.length > options.maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `The number of operations (${rawOperations.length}) exceeds the maxOperations (${options.maxOperations}).`,
    );
  }
  const failOnErrors = members.get('failonerrors');
  if (
    failOnErrors !== undefined &&
    (typeof failOnErrors !== 'number' || !Number.isInteger(failOnErrors) || failOnErrors < 1)
  ) {
    throw invalidSyntax('"failOnErrors" must be a positive integer');
  }
  const operations = rawOperations.map(parseOperation);
  const seen = new Map<string, number>();
  for (const operation of operations) {
    if (operation.bulkId === undefined) continue;
    const first = seen.get(operation.bulkId);
    if (first !== undefined) {
      throw fail(operation.index, `bulkId "${operation.bulkId}" is already used by Operations[${first}]`);
    }
    seen.set(operation.bulkId, operation.index);
  }
  return failOnErrors === undefined ? { operations } : { failOnErrors, operations };
}

/**
 * True once `errorCount` errors have occurred and the request said to stop at that many
 * (RFC 7644 §3.7.3 `failOnErrors`); never without `failOnErrors`.
 */
export function shouldStopBulk(errorCount: number, failOnErrors: number | undefined): boolean {
  return failOnErrors !== undefined && errorCount >= failOnErrors;
}
