/** The Bulk model of RFC 7644 §3.7, gathered under one import path. */
export {
  BULK_METHODS,
  BULK_REQUEST_SCHEMA,
  parseBulkRequest,
  shouldStopBulk,
  type BulkMethod,
  type BulkOperation,
  type BulkRequest,
  type ParseBulkRequestOptions,
} from './bulk-request.js';
export {
  bulkOperationReferences,
  findBulkIdReferences,
  orderBulkOperations,
  substituteBulkIds,
  type BulkExecutionPlan,
} from './bulk-ids.js';
export {
  BULK_RESPONSE_SCHEMA,
  buildBulkResponse,
  bulkErrorResult,
  type BulkOperationResult,
  type BulkResponse,
  type BulkResponseOperation,
} from './bulk-response.js';
