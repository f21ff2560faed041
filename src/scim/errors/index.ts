/**
 * The one protocol error type, `ScimError`, with the status/`scimType` pairs of RFC 7644 §3.12.
 * @module
 */
export {
  SCIM_ERROR_SCHEMA,
  SCIM_ERROR_STATUSES,
  SCIM_TYPES,
  SCIM_TYPE_STATUS,
  ScimError,
  invalidFilter,
  invalidPath,
  invalidSyntax,
  invalidValue,
  mutability,
  noTarget,
  type ScimErrorBody,
  type ScimErrorOptions,
  type ScimErrorStatus,
  type ScimType,
} from './scim-error.js';
