/**
 * The composition of the HTTP surfaces: `/healthz`, the admin API under `/api`, and each
 * tenant's SCIM endpoints under `/scim/directory/:tenantId`. The caller owns the store (and
 * closes it); the app owns only its routes.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { SchemaRegistry } from '../scim/index.js';
import type { Store } from '../store/index.js';
import { hashAdminToken, ScimService, TenantService } from '../server/index.js';
import { DirectoryService } from '../directory/index.js';
import { adminApi } from './plugins/admin-api.js';
import { directoryApi } from './plugins/directory-api.js';
import { generateRequestId, requestIdPlugin } from './plugins/request-id.js';
import { createScimAuthenticator } from './scim-authenticator.js';
import { scimRoutes, type ScimRoutesOptions } from './scim/index.js';

export interface BuildAppOptions {
  readonly store: Store;
  /** Schemas served and enforced; default `SchemaRegistry.withCoreSchemas()`. */
  readonly registry?: SchemaRegistry;
  /** Origin clients reach this server at (SCIM base URLs and `meta.location` are built on it). */
  readonly publicUrl: string;
  /** The admin token, or only its SHA-256 hash (hex) when the plaintext is not kept. */
  readonly adminToken: string | { readonly sha256: string };
  /** Largest SCIM request body in bytes. */
  readonly bodyLimit?: number;
  /** Per-tenant SCIM request rate limit; off when absent. */
  readonly rateLimit?: ScimRoutesOptions['rateLimit'];
  /** Fastify's logger option; off by default. */
  readonly logger?: FastifyServerOptions['logger'];
}

export const SCIM_ROUTE_PREFIX = '/scim/directory/:tenantId';

/**
 * Builds the app, not listening: call `listen` or `inject`.
 * @example
 * const app = await buildApp({ store, publicUrl: 'http://127.0.0.1:8080', adminToken });
 * await app.listen({ host: '127.0.0.1', port: 8080 });
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: generateRequestId,
    // Trailing-slash variants of SCIM URLs are common in IdP configurations.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const tenants = new TenantService({ store: options.store });
  const service = new ScimService(
    options.registry === undefined
      ? { store: options.store }
      : { store: options.store, registry: options.registry },
  );
  const adminTokenHash =
    typeof options.adminToken === 'string' ? hashAdminToken(options.adminToken) : options.adminToken.sha256;

  await app.register(requestIdPlugin);
  app.get('/healthz', async (_request, reply) => {
    try {
      await options.store.settings.get('healthz');
      return { status: 'ok' };
    } catch (error) {
      app.log.error({ err: error }, 'health check: the store does not answer');
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  await app.register(adminApi, { prefix: '/api', tenants, adminTokenHash, publicUrl });
  await app.register(directoryApi, {
    prefix: '/api/directory',
    directory: new DirectoryService(options.store),
    adminTokenHash,
    publicUrl,
  });
  await app.register(scimRoutes, {
    prefix: SCIM_ROUTE_PREFIX,
    service,
    authenticate: createScimAuthenticator(tenants),
    publicUrl,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  return app;
}
