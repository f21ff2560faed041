/**
 * A whole scimsync app over a fresh test store, for black-box tests with `app.inject()` (or a
 * real socket through `listen()`).
 * @example
 * const server = await createTestServer('sqlite');
 * const tenant = await server.createTenant({ verifiedDomains: ['example.com'] });
 * const res = await server.app.inject({ method: 'GET', url: `${tenant.scimPath}/Users`,
 *   headers: { authorization: `Bearer ${tenant.apiKey}` } });
 * await server.close();
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/http/index.js';
import { TenantService, tenantScimBaseUrl, tenantScimPath } from '../../src/server/index.js';
import type { Store } from '../../src/store/index.js';
import { openTestStore, type TestEngine } from '../../src/store/testing/index.js';

export type { TestEngine };

export interface TestServerOptions {
  /** Default `http://scimsync.test`. */
  readonly publicUrl?: string;
  readonly bodyLimit?: BuildAppOptions['bodyLimit'] | undefined;
  readonly rateLimit?: BuildAppOptions['rateLimit'] | undefined;
  readonly registry?: BuildAppOptions['registry'] | undefined;
  readonly logger?: BuildAppOptions['logger'] | undefined;
}

export interface TestTenant {
  readonly id: string;
  readonly name: string;
  /** The bearer token of the tenant's first API key. */
  readonly apiKey: string;
  readonly apiKeyId: string;
  /** Absolute, on the server's public URL. */
  readonly scimBaseUrl: string;
  /** `/scim/directory/<id>`, for `app.inject`. */
  readonly scimPath: string;
}

export interface TestServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly adminToken: string;
  /** `{ authorization: 'Bearer <admin token>' }`. */
  readonly adminHeaders: { readonly authorization: string };
  readonly tenants: TenantService;
  createTenant(options?: { name?: string; verifiedDomains?: readonly string[] }): Promise<TestTenant>;
  /** Listens on 127.0.0.1 on a free port; resolves to `http://127.0.0.1:<port>`. */
  listen(): Promise<string>;
  /** Closes the app, then closes and removes the store. */
  close(): Promise<void>;
}

let tenantCounter = 0;

export async function createTestServer(
  engine: TestEngine,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const testStore = await openTestStore(engine);
  const store = testStore.store;
  const publicUrl = options.publicUrl ?? 'http://scimsync.test';
  const adminToken = `test-admin-token-${Math.random().toString(36).slice(2)}`;
  const app = await buildApp({
    store,
    publicUrl,
    adminToken,
    ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  await app.ready();
  const tenants = new TenantService({ store });
  let closed = false;
  return {
    app,
    store,
    adminToken,
    adminHeaders: { authorization: `Bearer ${adminToken}` },
    tenants,
    async createTenant(tenantOptions = {}) {
      const name = tenantOptions.name ?? `Test tenant ${++tenantCounter}`;
      const { tenant, apiKey } = await tenants.createTenant({
        name,
        verifiedDomains: tenantOptions.verifiedDomains ?? [],
      });
      return {
        id: tenant.id,
        name: tenant.name,
        apiKey: apiKey.token,
        apiKeyId: apiKey.id,
        scimBaseUrl: tenantScimBaseUrl(publicUrl, tenant.id),
        scimPath: tenantScimPath(tenant.id),
      };
    },
    async listen() {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      return address.replace('localhost', '127.0.0.1');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await app.close();
      } finally {
        await testStore.dispose();
      }
    },
  };
}
