/**
 * Tenants ("directories"), API keys, verified domains and their audit trail.
 * @module
 */
export {
  TenantService,
  DEFAULT_API_KEY_NAME,
  DEFAULT_KEY_EXPIRY_DAYS,
  MAX_KEY_EXPIRY_DAYS,
  DEFAULT_AUDIT_LIMIT,
  MAX_AUDIT_LIMIT,
  type TenantServiceOptions,
  type ApiKeyOptions,
  type CreateTenantInput,
  type CreatedTenant,
  type RegeneratedApiKey,
  type VerifiedApiKey,
} from './tenant-service.js';
export {
  onTenantChange,
  type ApiKeyRevocation,
  type TenantChange,
  type TenantChangeListener,
} from './tenant-changes.js';
export { VerifiedDomainsCache, type VerifiedDomainsCacheOptions } from './verified-domains-cache.js';
export { type ApiKeyInfo, type ApiKeyStatus, type IssuedApiKey } from './api-key-info.js';
export { API_KEY_PREFIX, parseApiKey } from './api-key-secret.js';
export { isDomainName, normalizeDomain } from './domain-name.js';
export { tenantScimBaseUrl, tenantScimPath } from './scim-base-url.js';
