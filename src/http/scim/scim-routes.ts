import type { FastifyInstance, FastifyPluginCallback, HTTPMethods } from 'fastify';
import { ScimError } from '../../scim/index.js';
import type { ScimService } from '../../server/index.js';
import { registerResourceRoutes } from './resource-routes.js';
import { scimErrorHandler } from './scim-error-handler.js';
import { addScimContextHook, parseScimJson, type ScimAuthenticate } from './scim-request-context.js';
import { registerServiceRoutes } from './service-routes.js';
import type { TokenBucketOptions } from './token-bucket.js';

export interface ScimRoutesOptions {
  readonly service: ScimService;
  /** Resolves the caller; throws `ScimError(401)` for a missing or wrong token. */
  readonly authenticate: ScimAuthenticate;
  /** Origin clients reach the server at; `meta.location` is built on it and the plugin prefix. */
  readonly publicUrl: string;
  /** Largest request body in bytes (413 beyond); default the larger of 1 MiB and the Bulk `maxPayloadSize`. */
  readonly bodyLimit?: number;
  /** Per-tenant token bucket; off when absent (429 with `Retry-After` when exceeded). */
  readonly rateLimit?: TokenBucketOptions;
}

const METHODS: readonly HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Answers 405 with `Allow` for the methods a known path does not serve. */
function addMethodNotAllowed(app: FastifyInstance, routes: ReadonlyMap<string, Set<string>>): void {
  for (const [url, methods] of routes) {
    const missing = METHODS.filter((m) => !methods.has(m));
    if (missing.length === 0) continue;
    const allow = METHODS.filter((m) => methods.has(m)).join(', ');
    app.route({
      method: [...missing],
      url,
      handler: async (request, reply) => {
        void reply.header('Allow', allow);
        throw new ScimError(405, undefined, `${request.method} is not supported here; use ${allow}`);
      },
    });
  }
}

/**
 * The SCIM 2.0 endpoints of one tenant (RFC 7644 §3): `/Users`, `/Groups`, their `.search`,
 * `/.search`, `/Bulk`, `/ServiceProviderConfig`, `/Schemas`, `/ResourceTypes`. Encapsulated:
 * its own JSON parsing (`application/scim+json` or `application/json`), SCIM error bodies,
 * 404 and 405 answers, bearer authentication on every route and an optional rate limit.
 *
 * @example
 * await app.register(scimRoutes, { prefix: '/scim/directory/:tenantId', service, authenticate, publicUrl });
 */
export const scimRoutes: FastifyPluginCallback<ScimRoutesOptions> = (app, options, done) => {
  const bodyLimit = options.bodyLimit ?? Math.max(1_048_576, options.service.limits.bulkMaxPayloadSize);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/scim+json', 'application/json'],
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      try {
        done(null, parseScimJson(body as string));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  app.setErrorHandler(scimErrorHandler);
  app.setNotFoundHandler((request, reply) =>
    scimErrorHandler(
      new ScimError(404, undefined, `No SCIM endpoint at ${request.url.split('?')[0] ?? ''}`),
      request,
      reply,
    ),
  );
  addScimContextHook(app, {
    authenticate: options.authenticate,
    publicUrl: options.publicUrl,
    rateLimit: options.rateLimit,
  });

  const routes = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const url = route.url.slice(app.prefix.length) || '/';
    const methods = routes.get(url) ?? new Set<string>();
    for (const method of [route.method].flat()) methods.add(method);
    routes.set(url, methods);
  });
  registerResourceRoutes(app, options.service, 'User', '/Users');
  registerResourceRoutes(app, options.service, 'Group', '/Groups');
  registerServiceRoutes(app, options.service);
  addMethodNotAllowed(app, new Map(routes));
  done();
};
