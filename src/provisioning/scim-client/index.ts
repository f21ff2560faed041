/**
 * The provisioning engine's SCIM 2.0 client (RFC 7644) over undici: one keep-alive pool per
 * target, bounded concurrency, retries of transient failures, typed errors; plus "Test
 * Connection" and discovery of the target's schemas.
 * @module
 */
export {
  ScimClient,
  type ListOptions,
  type PatchOperationInput,
  type ResourceEndpoint,
  type ScimClientOptions,
  type ScimListPage,
  type ScimRequestEvent,
  type ScimRequestOptions,
  type ScimResponse,
} from './scim-client.js';
export { SCIM_CLIENT_ERROR_CODES, ScimClientError, type ScimClientErrorCode } from './scim-client-error.js';
export {
  CONNECTION_CHECK_NAMES,
  testConnection,
  type ConnectionCheck,
  type ConnectionTestResult,
  type TestConnectionOptions,
} from './test-connection.js';
export {
  BulkCreates,
  DEFAULT_BULK_BATCH,
  type BulkCreatesOptions,
  type ResourceCreator,
} from './bulk-creates.js';
export { discoverTargetSchema, type DiscoveredTargetSchema } from './discover-target-schema.js';
export { schemaFromResource, type SchemaFromResourceResult } from './schema-from-resource.js';
export type { QueryParams } from './request-path.js';
