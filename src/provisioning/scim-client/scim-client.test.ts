import { afterEach, describe, expect, it } from 'vitest';
import { ScimClient, type ScimClientOptions, type ScimRequestEvent } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';
import { listResponse, startFaultServer, type FaultServer } from './testing/fault-server.js';
import { freePort } from './testing/free-port.js';

const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'ada@example.com',
};

const servers: FaultServer[] = [];
const clients: ScimClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function faultServer(): Promise<FaultServer> {
  const server = await startFaultServer();
  servers.push(server);
  return server;
}

interface Harness {
  readonly client: ScimClient;
  readonly events: ScimRequestEvent[];
  readonly sleeps: number[];
}

function clientFor(baseUrl: string, options: Partial<ScimClientOptions> = {}): Harness {
  const events: ScimRequestEvent[] = [];
  const sleeps: number[] = [];
  const client = new ScimClient({
    baseUrl,
    token: 'secret-token',
    onRequest: (event) => events.push(event),
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...options,
  });
  clients.push(client);
  return { client, events, sleeps };
}

async function rejection(promise: Promise<unknown>): Promise<ScimClientError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ScimClientError) return error;
    throw error;
  }
  throw new Error('expected a ScimClientError');
}

describe('ScimClient requests', () => {
  it('sends the bearer token, SCIM media types and a percent-encoded query under the base path', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { body: listResponse([USER]) });
    server.answer('POST', '/Users', { status: 201, body: USER });
    const { client, events } = clientFor(server.url);
    const page = await client.list('Users', {
      filter: 'userName eq "a b+c@example.com"',
      attributes: ['userName', 'emails'],
      count: 10,
    });
    expect(page).toEqual({ totalResults: 1, resources: [USER], startIndex: 1, itemsPerPage: 1 });
    await client.create('Users', { userName: 'x' });
    const [get, post] = server.requests;
    expect(get?.path).toBe(
      '/Users?filter=userName%20eq%20%22a%20b%2Bc%40example.com%22&attributes=userName%2Cemails&count=10',
    );
    expect(get?.query.get('filter')).toBe('userName eq "a b+c@example.com"');
    expect(get?.headers['authorization']).toBe('Bearer secret-token');
    expect(get?.headers['accept']).toBe('application/scim+json, application/json');
    expect(get?.headers['content-type']).toBeUndefined();
    expect(post?.headers['content-type']).toBe('application/scim+json');
    expect(JSON.parse(post?.body ?? '')).toEqual({ userName: 'x' });
    expect(events.map((e) => [e.method, e.path, e.attempt, e.status])).toEqual([
      ['GET', get?.path, 1, 200],
      ['POST', '/Users', 1, 201],
    ]);
    expect(client.requestCount).toBe(2);
  });

  it('reads a large answer arriving in many chunks whole, with its headers lower-cased', async () => {
    const server = await faultServer();
    const many = Array.from({ length: 2000 }, (_, i) => ({
      ...USER,
      id: `u${i}`,
      displayName: 'é'.repeat(40),
    }));
    server.answer('GET', '/Users', { body: listResponse(many), headers: { 'X-Trace': 't-1' } });
    const { client } = clientFor(server.url);
    const response = await client.request('GET', '/Users');
    expect(response.body).toEqual(listResponse(many));
    expect(response.headers['x-trace']).toBe('t-1');
    expect(response.headers['content-type']).toContain('json');
  });

  it('sends a PatchOp message and reads 204 as no body; get answers undefined on 404', async () => {
    const server = await faultServer();
    server.answer('PATCH', '/Groups/g 1', { status: 204 });
    const { client } = clientFor(server.url);
    const result = await client.patch('Groups', 'g 1', [
      { op: 'add', path: 'members', value: [{ value: 'u1' }] },
    ]);
    expect(result).toBeUndefined();
    expect(server.requests[0]?.path).toBe('/Groups/g%201');
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'add', path: 'members', value: [{ value: 'u1' }] }],
    });
    expect(await client.get('Users', 'missing')).toBeUndefined();
  });

  it('throws NotFound on a 404 delete and keeps the target’s detail in the message', async () => {
    const server = await faultServer();
    server.answer('DELETE', '/Users/u9', {
      status: 404,
      body: { schemas: [ERROR_SCHEMA], status: '404', detail: 'User u9 does not exist' },
    });
    const { client, events } = clientFor(server.url);
    const error = await rejection(client.delete('Users', 'u9'));
    expect(error).toMatchObject({
      code: 'NotFound',
      status: 404,
      retryable: false,
      method: 'DELETE',
      path: '/Users/u9',
    });
    expect(error.detail).toBe('User u9 does not exist');
    expect(error.message).toBe('DELETE /Users/u9: not found (404) — the target says: User u9 does not exist');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ status: 404, errorCode: 'NotFound' });
    expect(events[0]?.retryInMs).toBeUndefined();
  });

  it('reads a 409 with scimType uniqueness and does not retry it', async () => {
    const server = await faultServer();
    server.answer('POST', '/Users', {
      status: 409,
      body: { schemas: [ERROR_SCHEMA], status: 409, scimType: 'uniqueness', detail: 'userName taken' },
    });
    const { client } = clientFor(server.url);
    const error = await rejection(client.create('Users', { userName: 'ada' }));
    expect(error).toMatchObject({
      code: 'Conflict',
      scimType: 'uniqueness',
      detail: 'userName taken',
      attempts: 1,
    });
    expect(error.message).toContain('uniqueness: userName taken');
    expect(server.requests).toHaveLength(1);
  });

  it('reads the bare-array form of /Schemas and rejects a body that is no list', async () => {
    const server = await faultServer();
    server.answer('GET', '/Schemas', [{ body: [{ id: 'urn:x:a' }] }, { body: { hello: 'world' } }]);
    const { client } = clientFor(server.url);
    expect(await client.schemas()).toEqual([{ id: 'urn:x:a' }]);
    expect(await rejection(client.schemas())).toMatchObject({ code: 'NotScim' });
  });
});

describe('ScimClient retries', () => {
  it('retries 5xx with full-jitter backoff and succeeds', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users/u1', [{ status: 503 }, { status: 500 }, { status: 502 }, { body: USER }]);
    const { client, sleeps, events } = clientFor(server.url, { retryBaseMs: 100 });
    expect(await client.get('Users', 'u1')).toEqual(USER);
    expect(sleeps).toEqual([50, 100, 200]);
    expect(events.map((e) => [e.attempt, e.status, e.errorCode, e.retryInMs])).toEqual([
      [1, 503, 'ServiceUnavailable', 50],
      [2, 500, 'InternalServerError', 100],
      [3, 502, 'ServiceUnavailable', 200],
      [4, 200, undefined, undefined],
    ]);
    expect(client.requestCount).toBe(4);
  });

  it('stops at maxAttempts and says how many attempts were made', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { status: 503, body: { status: '503', detail: 'down for maintenance' } });
    const { client, sleeps } = clientFor(server.url, { maxAttempts: 3 });
    const error = await rejection(client.list('Users'));
    expect(error).toMatchObject({ code: 'ServiceUnavailable', retryable: true, attempts: 3 });
    expect(error.message).toContain('(gave up after 3 attempts)');
    expect(error.message).toContain('down for maintenance');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('honours Retry-After in seconds and as an HTTP-date', async () => {
    const server = await faultServer();
    const inFive = new Date(Date.now() + 5_000).toUTCString();
    server.answer('GET', '/Users', [
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 429, headers: { 'retry-after': inFive } },
      { status: 429 },
      { body: listResponse([]) },
    ]);
    const { client, sleeps, events } = clientFor(server.url, { retryBaseMs: 1000 });
    await client.list('Users');
    expect(sleeps[0]).toBe(3000);
    // An HTTP-date has one-second resolution and the clock moved on: 4–5 s.
    expect(sleeps[1]).toBeGreaterThan(3_000);
    expect(sleeps[1]).toBeLessThanOrEqual(5_000);
    expect(sleeps[2]).toBe(2000); // no header: backoff after the third failure, 0.5 × 1000 × 2²
    expect(events[0]).toMatchObject({ status: 429, errorCode: 'TooManyRequests', retryInMs: 3000 });
  });

  it('gives up at once when Retry-After asks for longer than maxRetryDelayMs, telling the wait', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { status: 429, headers: { 'retry-after': '3600' } });
    const { client, sleeps } = clientFor(server.url, { maxRetryDelayMs: 60_000 });
    const error = await rejection(client.list('Users'));
    expect(error).toMatchObject({
      code: 'TooManyRequests',
      retryable: true,
      retryAfterMs: 3_600_000,
      attempts: 1,
    });
    expect(sleeps).toEqual([]);
  });

  it('never retries other 4xx', async () => {
    const server = await faultServer();
    server.answer('PUT', '/Users/u1', {
      status: 400,
      body: { status: '400', scimType: 'invalidValue', detail: 'bad' },
    });
    server.answer('GET', '/Users', {
      status: 401,
      body: { status: '401', detail: 'Authentication required' },
    });
    const { client } = clientFor(server.url);
    expect(await rejection(client.replace('Users', 'u1', {}))).toMatchObject({
      code: 'BadRequest',
      scimType: 'invalidValue',
    });
    expect(await rejection(client.list('Users'))).toMatchObject({ code: 'Unauthorized', retryable: false });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a reset connection and a timed-out attempt', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users/u1', [
      { reset: true },
      { delayMs: 2_000 },
      { stallBody: true, body: USER },
      { body: USER },
    ]);
    const { client, events } = clientFor(server.url, { timeoutMs: 150 });
    expect(await client.get('Users', 'u1')).toEqual(USER);
    expect(events.map((e) => e.errorCode)).toEqual(['ConnectionReset', 'Timeout', 'Timeout', undefined]);
    expect(events[2]?.status).toBeUndefined();
  });

  it('retries refused connections, then fails with ConnectionRefused naming host and port', async () => {
    const port = await freePort();
    const { client, sleeps } = clientFor(`http://127.0.0.1:${port}/scim`, { maxAttempts: 2 });
    const error = await rejection(client.list('Users'));
    expect(error).toMatchObject({ code: 'ConnectionRefused', retryable: true, attempts: 2 });
    expect(error.message).toContain(`connection refused by 127.0.0.1:${port}`);
    expect(sleeps).toHaveLength(1);
  });
});

describe('ScimClient answers that are not SCIM', () => {
  it('fails a 2xx HTML answer with NotScim and does not retry it', async () => {
    const server = await faultServer();
    server.fallback({
      text: '<!doctype html><html><body>Sign in</body></html>',
      contentType: 'text/html; charset=utf-8',
    });
    const { client } = clientFor(server.url);
    const error = await rejection(client.list('Users'));
    expect(error).toMatchObject({ code: 'NotScim', retryable: false, status: undefined });
    expect(error.detail).toBe('The server answered with text/html, not SCIM JSON');
    expect(error.message).not.toContain('Sign in');
    expect(server.requests).toHaveLength(1);
  });

  it('fails a create answered without a resource, and keeps a non-JSON error body short', async () => {
    const server = await faultServer();
    server.answer('POST', '/Users', { status: 201 });
    server.answer('GET', '/Users', { status: 413, text: 'too big', contentType: 'text/plain' });
    const { client } = clientFor(server.url);
    expect(await rejection(client.create('Users', {}))).toMatchObject({ code: 'NotScim' });
    expect(await rejection(client.list('Users'))).toMatchObject({
      code: 'PayloadTooLarge',
      detail: 'The server answered with text/plain, not SCIM JSON: "too big"',
    });
  });

  it('reports a redirect as Other with its target', async () => {
    const server = await faultServer();
    server.fallback({ status: 301, headers: { location: 'https://elsewhere.example/scim/v2/Users' } });
    const { client } = clientFor(server.url);
    const error = await rejection(client.list('Users'));
    expect(error.code).toBe('Other');
    expect(error.message).toContain('https://elsewhere.example/scim/v2/Users');
  });

  it('classifies a TLS handshake with a plain HTTP server as TlsFailure, and an unknown host as DnsFailure', async () => {
    const server = await faultServer();
    const { client } = clientFor(server.url.replace('http:', 'https:'), { maxAttempts: 3 });
    expect(await rejection(client.list('Users'))).toMatchObject({
      code: 'TlsFailure',
      retryable: false,
      attempts: 1,
    });
    const { client: nowhere } = clientFor('http://scimsync-test-host.invalid/scim/v2', { maxAttempts: 3 });
    const dns = await rejection(nowhere.list('Users'));
    expect(dns.code).toBe('DnsFailure');
    expect(dns.message).toContain('could not resolve host scimsync-test-host.invalid');
  });
});

describe('ScimClient connections', () => {
  it('keeps at most `concurrency` requests in flight and queues the rest', async () => {
    const server = await faultServer();
    server.fallback({ delayMs: 30, body: USER });
    const { client } = clientFor(server.url, { concurrency: 3 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => client.get('Users', `u${i}`)));
    expect(results).toHaveLength(20);
    expect(server.maxInFlight).toBe(3);
    expect(server.connections).toBeLessThanOrEqual(3);
  });

  it('starts queued requests in FIFO order', async () => {
    const server = await faultServer();
    server.fallback({ delayMs: 10, body: USER });
    const { client } = clientFor(server.url, { concurrency: 1 });
    await Promise.all(Array.from({ length: 6 }, (_, i) => client.get('Users', `u${i}`)));
    expect(server.requests.map((r) => r.pathname)).toEqual([
      '/Users/u0',
      '/Users/u1',
      '/Users/u2',
      '/Users/u3',
      '/Users/u4',
      '/Users/u5',
    ]);
  });

  it('reuses keep-alive connections across 50 requests', async () => {
    const server = await faultServer();
    server.fallback({ body: USER });
    const { client } = clientFor(server.url, { concurrency: 4 });
    for (let i = 0; i < 25; i++) await client.get('Users', 'u1');
    await Promise.all(Array.from({ length: 25 }, () => client.get('Users', 'u1')));
    expect(server.requests).toHaveLength(50);
    expect(server.connections).toBeLessThanOrEqual(4);
  });
});
