import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer, type TestTenant } from '../../../test/support/test-server.js';
import { testConnection } from './test-connection.js';
import { listResponse, startFaultServer, type FaultServer } from './testing/fault-server.js';
import { freePort } from './testing/free-port.js';

const NOT_CHECKED =
  'Not checked: the app could not be reached or did not let scimsync in (see the first check).';

describe('testConnection against scimsync’s own SCIM server', () => {
  let server: TestServer;
  let tenant: TestTenant;
  let origin: string;

  beforeAll(async () => {
    server = await createTestServer('sqlite');
    tenant = await server.createTenant();
    origin = await server.listen();
  });
  afterAll(async () => server.close());

  it('passes all three checks with the right URL and token', async () => {
    const result = await testConnection({ baseUrl: `${origin}${tenant.scimPath}`, token: tenant.apiKey });
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['Query users', true],
      ['Service provider configuration', true],
      ['Schemas', true],
    ]);
    expect(result.ok).toBe(true);
    expect(result.checks[1]?.detail).toContain('PATCH supported');
    expect(result.checks[2]?.detail).toMatch(/^The app defines \d+ schema\(s\): .*User/);
  });

  it('stops after a rejected token and tells the admin to make a new key', async () => {
    const result = await testConnection({ baseUrl: `${origin}${tenant.scimPath}`, token: 'wrong' });
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.detail).toMatch(
      /^The token was rejected \(401\)\. Generate a new API key in the app and save it here\./,
    );
    expect(result.checks.slice(1).map((c) => [c.ok, c.detail])).toEqual([
      [false, NOT_CHECKED],
      [false, NOT_CHECKED],
    ]);
  });

  it('explains a 404 from a wrong path', async () => {
    const result = await testConnection({ baseUrl: `${origin}/scim/v2`, token: tenant.apiKey });
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.detail).toBe(
      `404: no SCIM endpoint at ${origin}/scim/v2/Users — check the base URL (it usually ends in /scim/v2 or /scim/directory/<id>).`,
    );
    // Not a network or credential failure: the other checks still ran, and with no SCIM found they fail too.
    expect(result.checks.map((c) => c.ok)).toEqual([false, false, false]);
    expect(result.checks[2]?.detail).not.toBe(NOT_CHECKED);
  });
});

describe('testConnection failures', () => {
  const servers: FaultServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function faultServer(): Promise<FaultServer> {
    const server = await startFaultServer();
    servers.push(server);
    return server;
  }

  it('says the connection was refused when nothing listens on the port', async () => {
    const port = await freePort();
    const result = await testConnection({ baseUrl: `http://127.0.0.1:${port}/scim/v2`, token: 't' });
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.detail).toBe(
      `Connection refused by 127.0.0.1:${port} — is the SCIM app running and the URL right?`,
    );
    expect(result.checks[1]?.detail).toBe(NOT_CHECKED);
  });

  it('says an HTML answer is not SCIM JSON', async () => {
    const server = await faultServer();
    server.fallback({ text: '<html><body>Welcome</body></html>', contentType: 'text/html' });
    const result = await testConnection({ baseUrl: server.url, token: 't' });
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.detail).toMatch(/^The server answered with text\/html, not SCIM JSON/);
    expect(server.requests.map((r) => r.pathname)).toEqual(['/Users', '/ServiceProviderConfig', '/Schemas']);
  });

  it('says a host name could not be resolved', async () => {
    const result = await testConnection({
      baseUrl: 'https://scimsync-test-host.invalid/scim/v2',
      token: 't',
    });
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.detail).toMatch(/^Could not resolve host scimsync-test-host\.invalid/);
  });

  it('says a TLS handshake failed', async () => {
    const server = await faultServer();
    const result = await testConnection({ baseUrl: server.url.replace('http:', 'https:'), token: 't' });
    expect(result.checks[0]?.detail).toMatch(
      /^The TLS certificate or handshake of 127\.0\.0\.1:\d+ was not accepted/,
    );
  });

  it('says a 403 is a permission problem', async () => {
    const server = await faultServer();
    server.fallback({ status: 403, body: { status: '403', detail: 'Key lacks scope users:read' } });
    const result = await testConnection({ baseUrl: server.url, token: 't' });
    expect(result.checks[0]?.detail).toBe(
      'The token was accepted but lacks permission for GET /Users (403) — give the API key user-provisioning rights in the app. The app says: "Key lacks scope users:read".',
    );
  });

  it('filters on the matching attribute with a random GUID and fails an app that ignores the filter', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { body: listResponse([{ id: '1' }, { id: '2' }]) });
    const result = await testConnection({ baseUrl: server.url, token: 't', matchingAttribute: 'externalId' });
    expect(server.requests[0]?.query.get('filter')).toMatch(/^externalId eq "[0-9a-f-]{36}"$/);
    expect(result.checks[0]).toMatchObject({ ok: false });
    expect(result.checks[0]?.detail).toContain('returned 2 user(s)');
  });

  it('accepts an app without discovery endpoints once the Users query works', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { body: listResponse([]) });
    const result = await testConnection({ baseUrl: server.url, token: 't' });
    expect(result.ok).toBe(true);
    expect(result.checks[2]?.detail).toContain('publishes no /Schemas (404)');
  });

  it('tries each request once, whatever maxAttempts says', async () => {
    const server = await faultServer();
    server.answer('GET', '/Users', { status: 503 });
    const result = await testConnection({ baseUrl: server.url, token: 't', maxAttempts: 5 });
    expect(result.checks[0]?.detail).toMatch(/^The app failed with 503/);
    expect(server.requests.filter((r) => r.pathname === '/Users')).toHaveLength(1);
  });

  it('rejects a base URL that is not http(s) without throwing', async () => {
    const result = await testConnection({ baseUrl: 'ftp://example.com/scim', token: 't' });
    expect(result).toMatchObject({ ok: false, checks: [{ ok: false }] });
    expect(result.checks[0]?.detail).toContain('is not usable');
  });
});
