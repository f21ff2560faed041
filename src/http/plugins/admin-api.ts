/**
 * The admin REST API (mounted under `/api`): tenants, API keys, verified domains and the audit
 * log. Encapsulated: its own bearer guard, plain-JSON errors and 404s, whatever the SCIM
 * routes beside it do.
 */
import type { FastifyPluginAsync } from 'fastify';
import { scimsyncError, type TenantService } from '../../server/index.js';
import { adminErrorBody, createAdminErrorHandler } from '../admin/admin-error-handler.js';
import type { AdminContext } from '../admin/admin-context.js';
import { registerDomainRoutes } from '../admin/domain-routes.js';
import { registerKeyRoutes } from '../admin/key-routes.js';
import { registerTenantRoutes } from '../admin/tenant-routes.js';
import { adminAuthPlugin } from './admin-auth.js';

/** Admin requests are small JSON documents. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

export interface AdminApiOptions {
  readonly tenants: TenantService;
  /** SHA-256 (hex) of the admin token. */
  readonly adminTokenHash: string;
  /** Origin the SCIM base URLs in answers are built on. */
  readonly publicUrl: string;
  readonly bodyLimit?: number;
}

export const adminApi: FastifyPluginAsync<AdminApiOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimit ?? ADMIN_BODY_LIMIT;
  const context: AdminContext = { tenants: options.tenants, publicUrl: options.publicUrl, bodyLimit };
  // JSON only: Fastify's text/plain parser would hand strings to the JSON schemas.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(createAdminErrorHandler(bodyLimit));
  app.setNotFoundHandler(async (request, reply) => {
    const error = scimsyncError('SCIMSYNC_ERR_ROUTE_NOT_FOUND', {
      method: request.method,
      url: request.url.split('?')[0] ?? request.url,
    });
    return reply.code(error.status).send(adminErrorBody(error));
  });
  await app.register(adminAuthPlugin, { adminTokenHash: options.adminTokenHash });
  registerTenantRoutes(app, context);
  registerKeyRoutes(app, context);
  registerDomainRoutes(app, context);
};
