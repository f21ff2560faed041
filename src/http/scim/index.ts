/**
 * The SCIM 2.0 HTTP surface: a Fastify plugin serving one tenant's SCIM endpoints over the
 * {@link ScimService} of src/server.
 * @module
 */
export { scimRoutes, type ScimRoutesOptions } from './scim-routes.js';
export { SCIM_CONTENT_TYPE } from './scim-reply.js';
export { WWW_AUTHENTICATE, ScimRateLimitError, scimErrorHandler } from './scim-error-handler.js';
export { TokenBucketLimiter, type TokenBucketOptions } from './token-bucket.js';
export type { ScimAuthenticate } from './scim-request-context.js';
