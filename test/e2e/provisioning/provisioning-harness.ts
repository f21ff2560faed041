/**
 * Both sides of provisioning in one test: scimsync's directory as the source and scimsync's own
 * SCIM server, listening on loopback, as the target (one store, as one install would run).
 */
import type { JsonObject } from '../../../src/scim/index.js';
import { DirectoryService } from '../../../src/directory/index.js';
import {
  ProvisioningService,
  SecretBox,
  type CycleEvent,
  type ScimRequestEvent,
} from '../../../src/provisioning/index.js';
import {
  createTestServer,
  type TestEngine,
  type TestServer,
  type TestTenant,
} from '../../support/test-server.js';

export interface Harness {
  readonly server: TestServer;
  readonly directory: DirectoryService;
  readonly provisioning: ProvisioningService;
  readonly origin: string;
  newTenant(domains?: readonly string[]): Promise<TestTenant & { url: string }>;
  /** Reads the target as an admin would: a SCIM GET with the tenant's key. */
  scim(tenant: TestTenant, path: string): Promise<{ status: number; body: JsonObject }>;
  targetUsers(tenant: TestTenant): Promise<JsonObject[]>;
  targetGroups(tenant: TestTenant): Promise<JsonObject[]>;
  sync(app: string, options?: { full?: boolean }): Promise<SyncRun>;
  close(): Promise<void>;
}

export interface SyncRun {
  readonly summary: Awaited<ReturnType<ProvisioningService['sync']>>;
  readonly events: CycleEvent[];
  readonly requests: ScimRequestEvent[];
}

export async function openHarness(engine: TestEngine): Promise<Harness> {
  const server = await createTestServer(engine);
  const origin = await server.listen();
  const directory = new DirectoryService(server.store);
  const provisioning = new ProvisioningService(
    server.store,
    SecretBox.fromText(SecretBox.generateKeyText(), 'test'),
    {
      client: { retryBaseMs: 5, timeoutMs: 5000 },
    },
  );
  const scim = async (tenant: TestTenant, path: string) => {
    const res = await server.app.inject({
      method: 'GET',
      url: `${tenant.scimPath}${path}`,
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    return { status: res.statusCode, body: res.body === '' ? {} : res.json<JsonObject>() };
  };
  const list = async (tenant: TestTenant, endpoint: string) =>
    ((await scim(tenant, `/${endpoint}?count=1000`)).body.Resources ?? []) as JsonObject[];
  return {
    server,
    directory,
    provisioning,
    origin,
    async newTenant(domains = []) {
      const tenant = await server.createTenant({ verifiedDomains: domains });
      return { ...tenant, url: `${origin}${tenant.scimPath}` };
    },
    scim,
    targetUsers: (tenant) => list(tenant, 'Users'),
    targetGroups: (tenant) => list(tenant, 'Groups'),
    async sync(app, options = {}) {
      const events: CycleEvent[] = [];
      const requests: ScimRequestEvent[] = [];
      const summary = await provisioning.sync(app, {
        ...options,
        onEvent: (e) => events.push(e),
        onRequest: (r) => requests.push(r),
      });
      return { summary, events, requests };
    },
    close: () => server.close(),
  };
}

export function byUserName(users: readonly JsonObject[], userName: string): JsonObject | undefined {
  return users.find((u) => String(u.userName).toLowerCase() === userName.toLowerCase());
}
