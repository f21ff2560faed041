/**
 * The HTTP edge: the Fastify app with its health check, admin API and SCIM routes.
 * @module
 */
export { buildApp, SCIM_ROUTE_PREFIX, type BuildAppOptions } from './app.js';
export { adminApi, ADMIN_BODY_LIMIT, type AdminApiOptions } from './plugins/admin-api.js';
export { requestIdPlugin, generateRequestId, REQUEST_ID_HEADER } from './plugins/request-id.js';
export { createScimAuthenticator, type ScimAuthenticator, type ScimCaller } from './scim-authenticator.js';
export {
  ApiKeyCache,
  DEFAULT_KEY_CACHE_ENTRIES,
  DEFAULT_KEY_CACHE_TTL_MS,
  type ApiKeyCacheOptions,
} from './api-key-cache.js';
export { scimRoutes, SCIM_CONTENT_TYPE, type ScimRoutesOptions } from './scim/index.js';
