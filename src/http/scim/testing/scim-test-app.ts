import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { ScimError } from '../../../scim/index.js';
import { ScimService, type ScimLimits } from '../../../server/index.js';
import type { Store } from '../../../store/index.js';
import { openTestStore, type TestEngine } from '../../../store/testing/index.js';
import { scimRoutes, type ScimRoutesOptions } from '../scim-routes.js';

export const TEST_PUBLIC_URL = 'http://scim.test';
export const SCIM_JSON = 'application/scim+json';

export interface TestTenant {
  readonly tenantId: string;
  readonly token: string;
  readonly baseUrl: string;
  /** A request to this tenant's SCIM base URL, authenticated with its token unless `token` says otherwise. */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS',
    path: string,
    options?: {
      readonly body?: unknown;
      readonly token?: string | null;
      readonly headers?: Record<string, string>;
    },
  ): Promise<LightMyRequestResponse>;
}

export interface ScimTestApp {
  readonly app: FastifyInstance;
  /** The store as the service sees it (possibly wrapped by `wrapStore`). */
  readonly store: Store;
  newTenant(options?: { readonly verifiedDomains?: readonly string[] }): Promise<TestTenant>;
  close(): Promise<void>;
}

export interface ScimTestAppOptions {
  readonly limits?: Partial<ScimLimits>;
  readonly bodyLimit?: number;
  readonly rateLimit?: ScimRoutesOptions['rateLimit'];
  /** E.g. a spy around the store the service uses. */
  readonly wrapStore?: (store: Store) => Store;
}

/**
 * A Fastify app serving `scimRoutes` under `/scim/directory/:tenantId` over a fresh test store,
 * with a fixed bearer token per tenant, for black-box tests through `app.inject()`.
 */
export async function createScimTestApp(
  engine: TestEngine,
  options: ScimTestAppOptions = {},
): Promise<ScimTestApp> {
  const testStore = await openTestStore(engine);
  const raw = testStore.store;
  const store = options.wrapStore === undefined ? raw : options.wrapStore(raw);
  const tokens = new Map<string, string>();
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  const service = new ScimService({
    store,
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  await app.register(scimRoutes, {
    prefix: '/scim/directory/:tenantId',
    service,
    publicUrl: TEST_PUBLIC_URL,
    authenticate: (request, tenantId) => {
      const match = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '');
      if (match === null) return Promise.reject(new ScimError(401, undefined, 'Authentication required'));
      if (tokens.get(match[1] ?? '') !== tenantId)
        return Promise.reject(new ScimError(401, undefined, 'Invalid token'));
      return Promise.resolve({ tenantId, actor: 'key:test' });
    },
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  });
  await app.ready();

  return {
    app,
    store,
    async newTenant(tenantOptions = {}) {
      const tenantId = randomUUID();
      await raw.tenants.create({
        id: tenantId,
        name: `tenant ${tenantId}`,
        createdAt: new Date().toISOString(),
        verifiedDomains: tenantOptions.verifiedDomains ?? [],
      });
      const token = `token-${randomUUID()}`;
      tokens.set(token, tenantId);
      const basePath = `/scim/directory/${tenantId}`;
      return {
        tenantId,
        token,
        baseUrl: `${TEST_PUBLIC_URL}${basePath}`,
        request(method, path, requestOptions = {}) {
          const headers: Record<string, string> = { ...requestOptions.headers };
          const bearer = requestOptions.token === undefined ? token : requestOptions.token;
          if (bearer !== null) headers['authorization'] = `Bearer ${bearer}`;
          if (requestOptions.body !== undefined) {
            headers['content-type'] ??= SCIM_JSON;
            return app.inject({
              method,
              url: basePath + path,
              headers,
              payload:
                typeof requestOptions.body === 'string'
                  ? requestOptions.body
                  : JSON.stringify(requestOptions.body),
            });
          }
          return app.inject({ method, url: basePath + path, headers });
        },
      };
    },
    async close() {
      await app.close();
      await testStore.dispose();
    },
  };
}
