/**
 * SCIM protocol messages (RFC 7644 §3.4.2, §3.7, §3.12): ListResponse, Bulk request and
 * response, and error responses.
 * @module
 */
export {
  LIST_RESPONSE_SCHEMA,
  buildListResponse,
  type ListResponse,
  type ListResponseInput,
} from './list-response.js';
export {
  SCIM_ERROR_SCHEMA,
  SCIM_MEDIA_TYPE,
  toScimErrorResponse,
  type ScimErrorBody,
  type ScimErrorResponse,
} from './error-response.js';
export * from './bulk.js';
export {
  DEFAULT_MAX_PATCH_OPERATIONS,
  parsePatchRequest,
  type ParsePatchRequestOptions,
} from './patch-request.js';
