/**
 * The SCIM 2.0 service provider's domain (RFC 7643, RFC 7644, RFC 9865): Users, Groups, Bulk,
 * search and discovery per tenant over the store, with Atlassian-style rules (case-insensitive
 * unique userName, unique group displayName, verified email domains). No HTTP types here.
 * @module
 */
export { ScimService, type ScimServiceOptions } from './scim-service.js';
export { DEFAULT_SCIM_LIMITS, resolveScimLimits, type ScimLimits } from './scim-limits.js';
export {
  SCIM_RESOURCE_TYPES,
  type EmptyResult,
  type ResourceRequestOptions,
  type ResourceResult,
  type ScimContext,
  type ScimResourceType,
} from './scim-context.js';
export {
  BadCursor,
  InvalidMember,
  PreconditionFailed,
  ResourceNotFound,
  ScimDomainError,
  UnverifiedEmailDomain,
  toScimError,
} from './errors.js';
