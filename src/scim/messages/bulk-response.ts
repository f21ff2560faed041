import { ScimError, type ScimErrorBody } from '../errors/scim-error.js';
import type { BulkMethod } from './bulk-request.js';

export const BULK_RESPONSE_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

/** The outcome of one Bulk operation, as the executor reports it. */
export interface BulkOperationResult {
  readonly method: BulkMethod;
  readonly bulkId?: string;
  /** The resource's ETag after the operation. */
  readonly version?: string;
  /** The resource URI; REQUIRED except for a failed POST (RFC 7644 §3.7). */
  readonly location?: string;
  readonly status: number;
  /** For an error, the `ScimError` (or its body); otherwise an optional resource body. */
  readonly response?: ScimError | ScimErrorBody | Record<string, unknown>;
}

/** One entry of a BulkResponse's `Operations` (RFC 7644 §3.7.3). */
export interface BulkResponseOperation {
  location?: string;
  method: BulkMethod;
  bulkId?: string;
  version?: string;
  /** The HTTP status as a string, as in the RFC's examples. */
  status: string;
  response?: unknown;
}

export interface BulkResponse {
  schemas: [typeof BULK_RESPONSE_SCHEMA];
  Operations: BulkResponseOperation[];
}

/**
 * Builds a BulkResponse (RFC 7644 §3.7.3). Members come in the order of the RFC examples;
 * `status` is a string; an error response is the SCIM Error body.
 *
 * @example buildBulkResponse([{ method: 'POST', bulkId: 'qwerty', status: 201, location: '…/Users/92b7' }])
 */
export function buildBulkResponse(results: readonly BulkOperationResult[]): BulkResponse {
  return {
    schemas: [BULK_RESPONSE_SCHEMA],
    Operations: results.map((result) => {
      const entry: BulkResponseOperation = {
        ...(result.location === undefined ? {} : { location: result.location }),
        method: result.method,
        ...(result.bulkId === undefined ? {} : { bulkId: result.bulkId }),
        ...(result.version === undefined ? {} : { version: result.version }),
        status: String(result.status),
      };
      if (result.response !== undefined) {
        entry.response = result.response instanceof ScimError ? result.response.toJSON() : result.response;
      }
      return entry;
    }),
  };
}

/** The result entry for an operation that failed with `error`. */
export function bulkErrorResult(
  operation: { readonly method: BulkMethod; readonly bulkId?: string },
  error: ScimError,
  location?: string,
): BulkOperationResult {
  return {
    method: operation.method,
    ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
    ...(location === undefined ? {} : { location }),
    status: error.status,
    response: error,
  };
}
