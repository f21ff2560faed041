import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, type TestTenant } from '../../../test/support/test-server.js';
import { BulkCreates } from './bulk-creates.js';
import { ScimClient, type ScimRequestEvent } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';
import { startFaultServer, type FaultServer, type RecordedRequest } from './testing/fault-server.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName });
const clients: ScimClient[] = [];

function clientFor(baseUrl: string, token: string, events: ScimRequestEvent[] = []): ScimClient {
  const client = new ScimClient({
    baseUrl,
    token,
    concurrency: 2,
    onRequest: (e) => events.push(e),
    sleep: () => Promise.resolve(),
  });
  clients.push(client);
  return client;
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

async function settle<T>(promises: readonly Promise<T>[]): Promise<(T | ScimClientError)[]> {
  return Promise.all(
    promises.map((p) =>
      p.catch((error: unknown) => {
        if (error instanceof ScimClientError) return error;
        throw error;
      }),
    ),
  );
}

describe('BulkCreates against scimsync’s own SCIM server', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let baseUrl: string;

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    tenant = await server.createTenant();
    baseUrl = `${await server.listen()}${tenant.scimPath}`;
  });
  afterAll(async () => server.close());

  it('creates what is asked for together in Bulk requests, each caller getting its own id or error', async () => {
    const events: ScimRequestEvent[] = [];
    const client = clientFor(baseUrl, tenant.apiKey, events);
    const creates = new BulkCreates(client, { inFlight: 2, batchSize: 50 });
    const names = Array.from({ length: 120 }, (_, i) => `bulk${i}@example.com`);
    names[77] = 'BULK3@example.com';
    const results = await settle(names.map((name) => creates.create('Users', user(name))));

    const paths = events.map((e) => `${e.method} ${e.path}`);
    expect(paths[0]).toBe('GET /ServiceProviderConfig');
    expect(paths.slice(1)).toEqual(['POST /Bulk', 'POST /Bulk', 'POST /Bulk']);
    expect(creates.bulkRequests).toBe(3);
    // bulk3 and BULK3 went in different requests: whichever came second met the first.
    const conflicts = [3, 77].filter((i) => results[i] instanceof ScimClientError);
    expect(conflicts).toHaveLength(1);
    expect(results[conflicts[0]!]).toMatchObject({
      code: 'Conflict',
      status: 409,
      scimType: 'uniqueness',
      path: '/Users',
    });
    for (const [i, result] of results.entries()) {
      if (i === conflicts[0]) continue;
      const id = String((result as { id: unknown }).id);
      expect(await client.get('Users', id)).toMatchObject({ id, userName: names[i] });
    }
    expect((await client.list('Users', { filter: 'userName sw "bulk"', count: 1 })).totalResults).toBe(119);
  });

  it('sends one creation alone as a plain POST, without reading the ServiceProviderConfig', async () => {
    const events: ScimRequestEvent[] = [];
    const creates = new BulkCreates(clientFor(baseUrl, tenant.apiKey, events), { inFlight: 2 });
    const created = await creates.create('Users', user('alone@example.com'));
    expect(created).toMatchObject({ userName: 'alone@example.com' });
    expect(events.map((e) => `${e.method} ${e.path}`)).toEqual(['POST /Users']);
  });
});

describe('BulkCreates against targets whose Bulk endpoint is missing or misbehaves', () => {
  let server: FaultServer;
  let nextId = 0;
  afterEach(async () => server.close());

  const config = (bulk: unknown) => ({
    body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'], bulk },
  });
  const created = (request: RecordedRequest) => ({
    status: 201,
    body: { ...(JSON.parse(request.body) as object), id: `id-${nextId++}` },
  });
  /** A Bulk endpoint that carries out every POST, answering only with locations. */
  const bulkAnswer = (request: RecordedRequest) => {
    const operations = (JSON.parse(request.body) as { Operations: { bulkId: string }[] }).Operations;
    return {
      body: {
        Operations: operations.map((o) => ({
          method: 'POST',
          bulkId: o.bulkId,
          status: '201',
          location: `${server.url}/Users/id-${nextId++}`,
        })),
      },
    };
  };
  /** A fault server whose ServiceProviderConfig offers Bulk (100 operations, 1 MB). */
  const bulkTarget = async () =>
    (await startFaultServer()).answer(
      'GET',
      '/ServiceProviderConfig',
      config({ supported: true, maxOperations: 100, maxPayloadSize: 1e6 }),
    );
  const many = (creates: BulkCreates, count: number) =>
    settle(Array.from({ length: count }, (_, i) => creates.create('Users', user(`u${i}`))));
  const posts = (path: string) => server.requests.filter((r) => r.method === 'POST' && r.pathname === path);

  it('sends plain POSTs when the ServiceProviderConfig offers no Bulk endpoint, or cannot be read', async () => {
    for (const answer of [config({ supported: false }), { status: 500, body: {} }]) {
      server = await startFaultServer();
      server.answer('GET', '/ServiceProviderConfig', answer).answer('POST', '/Users', created);
      const creates = new BulkCreates(clientFor(server.url, 't'), { inFlight: 2 });
      const results = await many(creates, 5);
      expect(results.every((r) => typeof (r as { id?: unknown }).id === 'string')).toBe(true);
      expect(posts('/Users')).toHaveLength(5);
      expect(posts('/Bulk')).toHaveLength(0);
      // Decided once: later creations go straight out as POSTs.
      const reads = server.requests.filter((r) => r.pathname === '/ServiceProviderConfig').length;
      await many(creates, 2);
      expect(server.requests.filter((r) => r.pathname === '/ServiceProviderConfig')).toHaveLength(reads);
      expect(posts('/Users')).toHaveLength(7);
      await server.close();
    }
    server = await startFaultServer();
  });

  it('falls back to plain POSTs for good when the advertised Bulk endpoint answers 404', async () => {
    server = await bulkTarget();
    server
      .answer('POST', '/Bulk', { status: 404, body: { status: '404', detail: 'no such endpoint' } })
      .answer('POST', '/Users', created);
    const creates = new BulkCreates(clientFor(server.url, 't'), { inFlight: 2 });
    const results = await many(creates, 6);
    expect(results.every((r) => typeof (r as { id?: unknown }).id === 'string')).toBe(true);
    expect(posts('/Bulk')).toHaveLength(1);
    expect(posts('/Users')).toHaveLength(6);
    await many(creates, 3);
    expect(posts('/Bulk')).toHaveLength(1);
  });

  it('halves its requests on 413 and reads ids from locations', async () => {
    server = await bulkTarget();
    server.answer('POST', '/Bulk', (request) =>
      (JSON.parse(request.body) as { Operations: unknown[] }).Operations.length > 4
        ? { status: 413, body: { status: '413', detail: 'too big' } }
        : bulkAnswer(request),
    );
    const creates = new BulkCreates(clientFor(server.url, 't'), { inFlight: 1, batchSize: 10 });
    const results = await many(creates, 10);
    expect(new Set(results.map((r) => (r as { id: string }).id)).size).toBe(10);
    const sizes = posts('/Bulk').map(
      (r) => (JSON.parse(r.body) as { Operations: unknown[] }).Operations.length,
    );
    expect(sizes).toEqual([10, 5, 2, 2, 2, 2, 2]);
    expect(posts('/Users')).toHaveLength(0);
  });

  it('sends an operation that failed with 503 again as a plain POST, and gives 401 to every caller', async () => {
    server = await bulkTarget();
    server
      .answer('POST', '/Bulk', (request) => {
        const answer = bulkAnswer(request);
        answer.body.Operations[1] = { method: 'POST', bulkId: 'c1', status: '503', location: '' };
        return answer;
      })
      .answer('POST', '/Users', created);
    const creates = new BulkCreates(clientFor(server.url, 't'), { inFlight: 1 });
    const results = await many(creates, 3);
    expect(results.every((r) => typeof (r as { id?: unknown }).id === 'string')).toBe(true);
    expect(posts('/Users').map((r) => (JSON.parse(r.body) as { userName: string }).userName)).toEqual(['u1']);

    server.answer('POST', '/Bulk', { status: 401, body: { status: '401', detail: 'bad token' } });
    const refused = await many(creates, 3);
    expect(refused.map((r) => (r as ScimClientError).code)).toEqual([
      'Unauthorized',
      'Unauthorized',
      'Unauthorized',
    ]);
  });
});
