/**
 * The identity directory's admin REST API (mounted under `/api/directory`), with Graph-like
 * paths and shapes: collections are `{ "value": [...], "@odata.nextLink": "..." }`, paged with
 * `$top` and an opaque `$skiptoken`. Guarded by the admin token; errors are plain JSON
 * `{ error: { code, message } }` like the rest of the admin API.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isDirectoryError, type DirectoryApi } from '../../directory/index.js';
import { ADMIN_BODY_LIMIT } from './admin-api.js';
import { createAdminErrorHandler } from '../admin/admin-error-handler.js';
import { registerDirectoryObjectRoutes } from '../admin/directory-object-routes.js';
import { registerDirectoryAppRoutes } from '../admin/directory-app-routes.js';
import { adminAuthPlugin } from './admin-auth.js';

export interface DirectoryApiOptions {
  readonly directory: DirectoryApi;
  /** SHA-256 (hex) of the admin token. */
  readonly adminTokenHash: string;
  /** Origin the `@odata.nextLink` URLs are built on. */
  readonly publicUrl: string;
  readonly bodyLimit?: number;
}

export const directoryApi: FastifyPluginAsync<DirectoryApiOptions> = async (app, options) => {
  const bodyLimit = options.bodyLimit ?? ADMIN_BODY_LIMIT;
  const adminErrors = createAdminErrorHandler(bodyLimit);
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (isDirectoryError(error)) {
      return reply
        .code(error.status)
        .type('application/json')
        .send({ error: { code: error.code, message: error.message } });
    }
    return adminErrors(error, request, reply);
  });
  await app.register(adminAuthPlugin, { adminTokenHash: options.adminTokenHash });
  const context = {
    directory: options.directory,
    bodyLimit,
    baseUrl: `${options.publicUrl.replace(/\/+$/, '')}/api/directory`,
  };
  registerDirectoryObjectRoutes(app, context);
  registerDirectoryAppRoutes(app, context);
};
