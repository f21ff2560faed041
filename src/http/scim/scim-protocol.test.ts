import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../store/testing/index.js';
import { createScimTestApp, type ScimTestApp, type TestTenant } from './testing/scim-test-app.js';

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

function json(response: { body: string }): Record<string, unknown> {
  return JSON.parse(response.body) as Record<string, unknown>;
}

describe.each(testEngines())('SCIM protocol edges on %s', (engine) => {
  let t: ScimTestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createScimTestApp(engine, {
      bodyLimit: 4096,
      limits: { bulkMaxOperations: 5, bulkMaxPayloadSize: 4096 },
    });
    tenant = await t.newTenant();
  });
  afterAll(async () => t.close());

  it('answers 401 with WWW-Authenticate without a token, with a wrong one, or with another tenant’s', async () => {
    const other = await t.newTenant();
    for (const token of [null, 'wrong', other.token]) {
      const response = await tenant.request('GET', '/Users', { token });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="scimsync"');
      expect(response.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    }
    expect(json(await tenant.request('GET', '/Users', { token: null }))).toMatchInlineSnapshot(`
      {
        "detail": "Authentication required",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "status": "401",
      }
    `);
  });

  it('answers 413 over the body limit, 400 invalidSyntax for bad JSON, 415 for other media types', async () => {
    const big = await tenant.request('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], userName: 'x'.repeat(5000) },
    });
    expect(big.statusCode).toBe(413);
    expect(json(big)).toMatchObject({ status: '413' });
    const broken = await tenant.request('POST', '/Users', { body: '{"userName": ' });
    expect(broken.statusCode).toBe(400);
    expect(json(broken)).toMatchObject({ scimType: 'invalidSyntax' });
    const text = await tenant.request('POST', '/Users', {
      body: 'userName=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.statusCode).toBe(415);
    const plainJson = await tenant.request('POST', '/Users', {
      body: { schemas: [USER_SCHEMA], userName: 'plain-json' },
      headers: { 'content-type': 'application/json' },
    });
    expect(plainJson.statusCode).toBe(201);
  });

  it('answers 404 for unknown routes and 405 with Allow for unsupported methods', async () => {
    const missing = await tenant.request('GET', '/Widgets');
    expect(missing.statusCode).toBe(404);
    expect(json(missing)).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      status: '404',
    });
    const wrong = await tenant.request('DELETE', '/Users');
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers['allow']).toBe('GET, POST');
    expect(json(wrong)).toMatchObject({ status: '405' });
  });

  it('serves discovery: ServiceProviderConfig, Schemas, ResourceTypes', async () => {
    const config = json(await tenant.request('GET', '/ServiceProviderConfig'));
    expect(config).toMatchObject({
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 5, maxPayloadSize: 4096 },
      filter: { supported: true, maxResults: 1000 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      pagination: {
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 1000,
      },
      authenticationSchemes: [{ type: 'oauthbearertoken' }],
      meta: { location: `${tenant.baseUrl}/ServiceProviderConfig` },
    });
    const schemas = json(await tenant.request('GET', '/Schemas')) as {
      totalResults: number;
      Resources: { id: string }[];
    };
    expect(schemas.Resources.map((s) => s.id)).toEqual(expect.arrayContaining([USER_SCHEMA, GROUP_SCHEMA]));
    const userSchema = await tenant.request('GET', `/Schemas/${USER_SCHEMA}`);
    expect(json(userSchema)).toMatchObject({ id: USER_SCHEMA, name: 'User' });
    expect((await tenant.request('GET', '/Schemas/urn:nope:x')).statusCode).toBe(404);
    const types = json(await tenant.request('GET', '/ResourceTypes')) as { Resources: { name: string }[] };
    expect(types.Resources.map((r) => r.name).sort()).toEqual(['Group', 'User']);
    expect(json(await tenant.request('GET', '/ResourceTypes/Group'))).toMatchObject({ endpoint: '/Groups' });
  });

  it('gives exactly one 201 for 10 concurrent POSTs of one userName, the rest 409', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        tenant.request('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: 'Racer' } }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, ...Array.from({ length: 9 }, () => 409)]);
  });
});

describe.each(testEngines())('SCIM lists, search and Bulk on %s', (engine) => {
  let t: ScimTestApp;
  let tenant: TestTenant;
  beforeAll(async () => {
    t = await createScimTestApp(engine, {
      limits: { maxPageSize: 4, defaultPageSize: 3, bulkMaxOperations: 10 },
    });
    tenant = await t.newTenant();
    for (const name of ['carol', 'alice', 'erin', 'bob', 'dave']) {
      await tenant.request('POST', '/Users', { body: { schemas: [USER_SCHEMA], userName: name } });
    }
    await tenant.request('POST', '/Groups', { body: { schemas: [GROUP_SCHEMA], displayName: 'staff' } });
  });
  afterAll(async () => t.close());

  it('pages by index with an exact total, sorts, and clamps count to maxPageSize', async () => {
    const page = json(await tenant.request('GET', '/Users?sortBy=userName&startIndex=2&count=2')) as {
      totalResults: number;
      startIndex: number;
      itemsPerPage: number;
      Resources: { userName: string }[];
    };
    expect(page).toMatchObject({ totalResults: 5, startIndex: 2, itemsPerPage: 2 });
    expect(page.Resources.map((r) => r.userName)).toEqual(['bob', 'carol']);
    const clamped = json(await tenant.request('GET', '/Users?count=50')) as { Resources: unknown[] };
    expect(clamped.Resources).toHaveLength(4);
    const byDefault = json(await tenant.request('GET', '/Users?sortBy=userName&sortOrder=descending')) as {
      Resources: { userName: string }[];
    };
    expect(byDefault.Resources.map((r) => r.userName)).toEqual(['erin', 'dave', 'carol']);
  });

  it('pages by cursor (RFC 9865) through every user; a bad cursor is 400 invalidCursor', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const page = json(
        await tenant.request('GET', `/Users?sortBy=userName&count=2&cursor=${encodeURIComponent(cursor)}`),
      ) as {
        totalResults: number;
        nextCursor?: string;
        Resources: { userName: string }[];
      };
      expect(page.totalResults).toBe(5);
      seen.push(...page.Resources.map((r) => r.userName));
      if (page.nextCursor === undefined) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(['alice', 'bob', 'carol', 'dave', 'erin']);
    const bad = await tenant.request('GET', '/Users?cursor=not-a-cursor');
    expect(bad.statusCode).toBe(400);
    expect(json(bad)).toMatchObject({ scimType: 'invalidCursor' });
    const page = json(await tenant.request('GET', '/Users?sortBy=userName&count=2&cursor=')) as {
      nextCursor: string;
    };
    const reused = await tenant.request('GET', `/Users?sortBy=id&count=2&cursor=${page.nextCursor}`);
    expect(json(reused)).toMatchObject({ status: '400', scimType: 'invalidCursor' });
  });

  it('rejects unknown filter attributes (invalidFilter) and sortBy (invalidValue)', async () => {
    const filter = await tenant.request('GET', `/Users?filter=${encodeURIComponent('shoeSize eq "9"')}`);
    expect(json(filter)).toMatchInlineSnapshot(`
      {
        "detail": ""shoeSize" is not an attribute of the User resource type",
        "schemas": [
          "urn:ietf:params:scim:api:messages:2.0:Error",
        ],
        "scimType": "invalidFilter",
        "status": "400",
      }
    `);
    const sort = await tenant.request('GET', '/Users?sortBy=shoeSize');
    expect(json(sort)).toMatchObject({ status: '400', scimType: 'invalidValue' });
  });

  it('searches with POST /Users/.search and POST /.search (Users then Groups)', async () => {
    const users = json(
      await tenant.request('POST', '/Users/.search', {
        body: { schemas: [SEARCH_REQUEST], sortBy: 'userName', count: 1, attributes: ['userName'] },
      }),
    );
    expect(users).toMatchObject({ totalResults: 5, Resources: [{ userName: 'alice' }] });
    expect(Object.keys((users['Resources'] as object[])[0] ?? {}).sort()).toEqual([
      'id',
      'schemas',
      'userName',
    ]);
    const all = json(
      await tenant.request('POST', '/.search', {
        body: { schemas: [SEARCH_REQUEST], startIndex: 5, count: 4 },
      }),
    ) as { totalResults: number; Resources: { meta: { resourceType: string } }[] };
    expect(all.totalResults).toBe(6);
    expect(all.Resources.map((r) => r.meta.resourceType)).toEqual(['User', 'Group']);
    const notSearch = await tenant.request('POST', '/.search', { body: { filter: 'x pr' } });
    expect(json(notSearch)).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
  });

  it('runs Bulk with bulkId references and stops after failOnErrors', async () => {
    const response = await tenant.request('POST', '/Bulk', {
      body: {
        schemas: [BULK_REQUEST],
        Operations: [
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: { schemas: [GROUP_SCHEMA], displayName: 'bulk-group', members: [{ value: 'bulkId:u1' }] },
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u1',
            data: { schemas: [USER_SCHEMA], userName: 'bulk-user' },
          },
          {
            method: 'PATCH',
            path: '/Users/bulkId:u1',
            data: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
              Operations: [{ op: 'replace', path: 'active', value: false }],
            },
          },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    const result = json(response) as {
      Operations: { bulkId?: string; status: string; location?: string; method: string }[];
    };
    expect(result.Operations.map((o) => [o.method, o.bulkId, o.status])).toEqual([
      ['POST', 'u1', '201'],
      ['POST', 'g1', '201'],
      ['PATCH', undefined, '200'],
    ]);
    const groupLocation = result.Operations[1]?.location ?? '';
    const group = json(await tenant.request('GET', groupLocation.slice(tenant.baseUrl.length))) as {
      members: { value: string }[];
    };
    expect(group.members.map((m) => m.value)).toEqual([result.Operations[0]?.location?.split('/').pop()]);

    const failing = json(
      await tenant.request('POST', '/Bulk', {
        body: {
          schemas: [BULK_REQUEST],
          failOnErrors: 1,
          Operations: [
            { method: 'DELETE', path: '/Users/nobody' },
            {
              method: 'POST',
              path: '/Users',
              bulkId: 'x',
              data: { schemas: [USER_SCHEMA], userName: 'never' },
            },
          ],
        },
      }),
    ) as { Operations: { status: string; response?: unknown }[] };
    expect(failing.Operations).toHaveLength(1);
    expect(failing.Operations[0]).toMatchObject({ status: '404', response: { status: '404' } });
    const tooMany = await tenant.request('POST', '/Bulk', {
      body: {
        schemas: [BULK_REQUEST],
        Operations: Array.from({ length: 11 }, () => ({ method: 'DELETE', path: '/Users/x' })),
      },
    });
    expect(tooMany.statusCode).toBe(413);
  });

  it('runs independent Bulk creations together with the result of running them one by one', async () => {
    const bulk = async (body: Record<string, unknown>) =>
      json(await tenant.request('POST', '/Bulk', { body: { schemas: [BULK_REQUEST], ...body } })) as {
        Operations: {
          bulkId?: string;
          status: string;
          location?: string;
          response?: { scimType?: string };
        }[];
      };
    const create = (bulkId: string, userName: string) => ({
      method: 'POST',
      path: '/Users',
      bulkId,
      data: { schemas: [USER_SCHEMA], userName },
    });
    const first = await bulk({
      Operations: [
        create('a', 'wave-a'),
        create('b', 'wave-b'),
        create('c', 'WAVE-A'),
        create('d', 'wave-d'),
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [GROUP_SCHEMA], displayName: 'wave-g' },
        },
      ],
    });
    expect(first.Operations.map((o) => [o.bulkId, o.status, o.response?.scimType])).toEqual([
      ['a', '201', undefined],
      ['b', '201', undefined],
      ['c', '409', 'uniqueness'],
      ['d', '201', undefined],
      ['g', '201', undefined],
    ]);
    for (const operation of first.Operations.filter((o) => o.status === '201')) {
      const fetched = await tenant.request('GET', (operation.location ?? '').slice(tenant.baseUrl.length));
      expect(fetched.statusCode).toBe(200);
    }

    // failOnErrors stays exact: after two failures nothing further runs, even creations that
    // could have run beside them.
    const stopped = await bulk({
      failOnErrors: 2,
      Operations: [create('x', 'wave-a'), create('y', 'wave-b'), create('z', 'wave-z')],
    });
    expect(stopped.Operations.map((o) => [o.bulkId, o.status])).toEqual([
      ['x', '409'],
      ['y', '409'],
    ]);
    const unprocessed = json(
      await tenant.request('GET', `/Users?filter=${encodeURIComponent('userName eq "wave-z"')}`),
    );
    expect(unprocessed.totalResults).toBe(0);
  });
});

describe.each(testEngines())('SCIM rate limit on %s', (engine) => {
  let t: ScimTestApp;
  beforeAll(async () => {
    t = await createScimTestApp(engine, { rateLimit: { requestsPerSecond: 1, burst: 2 } });
  });
  afterAll(async () => t.close());

  it('answers 429 with Retry-After once a tenant spends its burst, without touching other tenants', async () => {
    const tenant = await t.newTenant();
    const other = await t.newTenant();
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await tenant.request('GET', '/ServiceProviderConfig')).statusCode);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await tenant.request('GET', '/ServiceProviderConfig');
    expect(limited.headers['retry-after']).toBe('1');
    expect(json(limited)).toMatchObject({ status: '429' });
    expect((await other.request('GET', '/ServiceProviderConfig')).statusCode).toBe(200);
  });
});
