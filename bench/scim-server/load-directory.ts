/**
 * Fills one tenant through the store API (not HTTP, which would take minutes): USERS realistic
 * users, 1,000 groups, one with 50,000 members and one with 10. User data goes through
 * `assertResource` exactly as a SCIM POST does, so the server reads what it would have written.
 * On PostgreSQL users are written by large INSERTs of the rows the store derives (see
 * bulk-users-postgres.ts), checked against users written through the store API.
 */
import { randomUUID } from 'node:crypto';
import { assertResource, SchemaRegistry, type JsonObject } from '../../src/scim/index.js';
import { TenantService } from '../../src/server/index.js';
import { openStore, type GroupMember, type Store, type StoreConfig } from '../../src/store/index.js';
import { assertSameAsStoreApi, bulkInsertUsers, type BulkUser } from './bulk-users-postgres.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Support', 'Legal', 'Operations', 'HR'];
const TITLES = ['Engineer', 'Senior Engineer', 'Manager', 'Director', 'Analyst', 'Specialist', 'Associate'];
const BATCH = 1_000;

export interface LoadedDirectory {
  readonly tenantId: string;
  readonly apiKey: string;
  /** Index i is the user whose userName is `user{i}@example.com`. */
  readonly userIds: readonly string[];
  readonly bigGroupId: string;
  readonly bigGroupSize: number;
  readonly smallGroupId: string;
  readonly seconds: number;
}

export interface LoadOptions {
  readonly users: number;
  readonly groups: number;
  readonly bigGroupSize: number;
  readonly smallGroupSize: number;
}

/** The user with index i: what an IdP would POST. */
export function benchUser(i: number): JsonObject {
  const given = `Given${i}`;
  const family = `Family${i % 9_973}`;
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    userName: `user${i}@example.com`,
    externalId: `ext-${i}`,
    name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
    displayName: `${given} ${family}`,
    title: TITLES[i % TITLES.length] ?? 'Engineer',
    active: i % 25 !== 0,
    emails: [
      { value: `user${i}@work.example.com`, type: 'work', primary: true },
      { value: `user${i}@home.example.net`, type: 'home' },
    ],
    [ENTERPRISE]: {
      department: DEPARTMENTS[i % DEPARTMENTS.length] ?? 'Engineering',
      employeeNumber: String(100_000 + i),
    },
  };
}

function userInputs(count: number): BulkUser[] {
  const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    data: assertResource(benchUser(i), schema, { mode: 'create', unknownAttributes: 'drop' }),
  }));
}

async function insertUsers(
  store: Store,
  config: StoreConfig,
  tenantId: string,
  count: number,
): Promise<string[]> {
  const users = userInputs(count);
  const now = new Date().toISOString();
  if ('databaseUrl' in config) {
    const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
    await bulkInsertUsers(config.databaseUrl, schema, tenantId, users, now);
    const twin = await new TenantService({ store }).createTenant({ name: 'Benchmark loader check' });
    try {
      const samples = [0, 1, 25, count - 1].filter((i) => i < count).map((i) => users[i] as BulkUser);
      await assertSameAsStoreApi(
        config.databaseUrl,
        store,
        { tenantId, twinTenantId: twin.tenant.id, now },
        samples,
      );
    } finally {
      await store.tenants.delete(twin.tenant.id);
    }
    return users.map((user) => user.id);
  }
  const insertBatch = (start: number) =>
    store.transaction(async (tx) => {
      for (let i = start; i < Math.min(start + BATCH, count); i++) {
        const user = users[i] as BulkUser;
        await tx.users.insert(
          tenantId,
          { id: user.id, data: user.data, created: now },
          { lastModified: now },
        );
      }
    });
  // PostgreSQL takes several writers at once (one pooled connection each); SQLite serialises them.
  const writers = store.capabilities.concurrentWriters ? 4 : 1;
  let next = 0;
  const writer = async (): Promise<void> => {
    while (next < count) {
      const start = next;
      next += BATCH;
      await insertBatch(start);
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return users.map((user) => user.id);
}

async function insertGroup(
  store: Store,
  tenantId: string,
  displayName: string,
  members: readonly GroupMember[],
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const data: JsonObject = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName };
  await store.groups.insert(
    tenantId,
    { id, data, created: now, members: members.slice(0, BATCH) },
    {
      lastModified: now,
    },
  );
  // Large memberships go in batches, as a provisioning engine sends them.
  for (let start = BATCH; start < members.length; start += BATCH) {
    await store.groups.updateMembers(
      tenantId,
      id,
      { add: members.slice(start, start + BATCH) },
      {
        lastModified: now,
      },
    );
  }
  return id;
}

export async function loadDirectory(config: StoreConfig, options: LoadOptions): Promise<LoadedDirectory> {
  const started = performance.now();
  const store = await openStore(config);
  try {
    await store.migrate();
    const { tenant, apiKey } = await new TenantService({ store }).createTenant({
      name: 'Benchmark directory',
    });
    const userIds = await insertUsers(store, config, tenant.id, options.users);
    const member = (i: number): GroupMember => ({
      value: userIds[i] as string,
      type: 'User',
      display: `Given${i} Family${i % 9_973}`,
    });
    const range = (from: number, count: number): GroupMember[] =>
      Array.from({ length: count }, (_, k) => member((from + k) % userIds.length));
    const bigGroupId = await insertGroup(store, tenant.id, 'Everyone (big)', range(0, options.bigGroupSize));
    const smallGroupId = await insertGroup(
      store,
      tenant.id,
      'Small team',
      range(options.bigGroupSize, options.smallGroupSize),
    );
    for (let g = 2; g < options.groups; g++) {
      await insertGroup(store, tenant.id, `Group ${g}`, range((g * 97) % userIds.length, 20));
    }
    return {
      tenantId: tenant.id,
      apiKey: apiKey.token,
      userIds,
      bigGroupId,
      bigGroupSize: options.bigGroupSize,
      smallGroupId,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store.close();
  }
}
