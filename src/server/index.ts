/**
 * The SCIM service provider's domain: tenants, API keys, verified domains, audit, and the
 * SCIM resource service. No HTTP here; src/http adapts these to routes.
 * @module
 */
export * from './errors.js';
export * from './tenants/index.js';
export * from './admin/index.js';
export * from './scim/index.js';
