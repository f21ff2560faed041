import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CORE_GROUP_SCHEMA,
  CORE_GROUP_SCHEMA_ID,
  CORE_USER_SCHEMA,
  CORE_USER_SCHEMA_ID,
  ENTERPRISE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA_ID,
  SCHEMA_SCHEMA_ID,
  toSchemaResource,
} from '../../scim/index.js';
import { createTestServer, type TestServer } from '../../../test/support/test-server.js';
import { discoverTargetSchema } from './discover-target-schema.js';
import { ScimClient } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';
import { listResponse, startFaultServer, type FaultServer } from './testing/fault-server.js';

const ACME_USER = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const ACME_GROUP = 'urn:acme:scim:schemas:TeamGroup';

const acmeUserSchema = {
  schemas: [SCHEMA_SCHEMA_ID],
  id: ACME_USER,
  name: 'AcmeUser',
  attributes: [
    {
      name: 'costCenterCode',
      type: 'string',
      multiValued: false,
      required: false,
      mutability: 'readWrite',
      returned: 'default',
      uniqueness: 'none',
    },
    {
      name: 'badges',
      type: 'complex',
      multiValued: true,
      subAttributes: [{ name: 'number', type: 'integer' }, { name: 'site' }],
    },
  ],
};

describe('discoverTargetSchema against scimsync’s own SCIM server', () => {
  let server: TestServer;
  let client: ScimClient;
  beforeAll(async () => {
    server = await createTestServer('sqlite');
    const tenant = await server.createTenant();
    client = new ScimClient({ baseUrl: `${await server.listen()}${tenant.scimPath}`, token: tenant.apiKey });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('reads the core schemas and resource types back without warnings', async () => {
    const { registry, warnings } = await discoverTargetSchema(client);
    expect(warnings).toEqual([]);
    expect(registry.getSchema(CORE_USER_SCHEMA_ID)).toEqual(CORE_USER_SCHEMA);
    expect(registry.getSchema(CORE_GROUP_SCHEMA_ID)).toEqual(CORE_GROUP_SCHEMA);
    expect(registry.getSchema(ENTERPRISE_USER_SCHEMA_ID)).toEqual(ENTERPRISE_USER_SCHEMA);
    const user = registry.resourceSchema('User');
    expect(user.resourceType.endpoint).toBe('/Users');
    expect(user.findAttribute('department', ENTERPRISE_USER_SCHEMA_ID)).toBeDefined();
    expect(user.findAttribute('costCenterCode', ACME_USER)).toBeUndefined();
    expect(registry.resourceSchema('Group').findAttribute('members')?.definition.multiValued).toBe(true);
  });
});

describe('discoverTargetSchema against other targets', () => {
  const servers: FaultServer[] = [];
  const clients: ScimClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  async function target(): Promise<{ server: FaultServer; client: ScimClient }> {
    const server = await startFaultServer();
    const client = new ScimClient({ baseUrl: server.url, token: 't', maxAttempts: 1 });
    servers.push(server);
    clients.push(client);
    return { server, client };
  }

  it('takes a custom extension schema named in /ResourceTypes', async () => {
    const { server, client } = await target();
    server.answer('GET', '/Schemas', {
      body: listResponse([
        toSchemaResource(CORE_USER_SCHEMA),
        toSchemaResource(CORE_GROUP_SCHEMA),
        acmeUserSchema,
        // Some targets list the meta schemas too; they are not attribute sets for mappings.
        { schemas: [SCHEMA_SCHEMA_ID], id: SCHEMA_SCHEMA_ID, name: 'Schema', attributes: [] },
      ]),
    });
    server.answer('GET', '/ResourceTypes', {
      body: listResponse([
        {
          id: 'User',
          name: 'User',
          endpoint: '/Users',
          schema: CORE_USER_SCHEMA_ID,
          schemaExtensions: [
            { schema: ACME_USER, required: true },
            { schema: ENTERPRISE_USER_SCHEMA_ID, required: false },
            { schema: 'urn:acme:scim:schemas:Missing', required: false },
          ],
        },
        {
          id: 'Group',
          name: 'Group',
          endpoint: '/Groups',
          schema: CORE_GROUP_SCHEMA_ID,
          schemaExtensions: [],
        },
      ]),
    });
    const { registry, warnings } = await discoverTargetSchema(client);
    const user = registry.resourceSchema('User');
    expect(user.extensions.map((e) => [e.schema.id, e.required])).toEqual([
      [ACME_USER, true],
      [ENTERPRISE_USER_SCHEMA_ID, false],
    ]);
    expect(user.findAttribute('costCenterCode', ACME_USER)?.definition).toMatchObject({ type: 'string' });
    const badges = user.findAttribute('badges', ACME_USER)?.definition;
    expect(badges && user.findSubAttribute(badges, 'NUMBER')?.type).toBe('integer');
    expect(user.findAttribute('nickName')).toBeDefined();
    expect(registry.getSchema(SCHEMA_SCHEMA_ID)).toBeUndefined();
    expect(warnings).toEqual([
      `The target does not list ${ENTERPRISE_USER_SCHEMA_ID} in /Schemas; the standard definition is assumed.`,
      'Ignored extension urn:acme:scim:schemas:Missing of User: it is not in /Schemas.',
    ]);
  });

  it('without /ResourceTypes, assumes User with Enterprise and places custom extensions by name', async () => {
    const { server, client } = await target();
    server.answer('GET', '/Schemas', {
      // A bare array, as some apps answer.
      body: [
        toSchemaResource(CORE_USER_SCHEMA),
        acmeUserSchema,
        { id: ACME_GROUP, name: 'Team', attributes: [{ name: 'channel', type: 'string' }] },
      ],
    });
    const { registry, warnings } = await discoverTargetSchema(client);
    expect(registry.resourceSchema('User').schemaUrns).toEqual([
      CORE_USER_SCHEMA_ID,
      ENTERPRISE_USER_SCHEMA_ID,
      ACME_USER,
    ]);
    expect(registry.resourceSchema('Group').schemaUrns).toEqual([CORE_GROUP_SCHEMA_ID, ACME_GROUP]);
    expect(registry.resourceSchema('Group').findAttribute('channel', ACME_GROUP)).toBeDefined();
    expect(warnings).toContain(
      'The target does not publish /ResourceTypes (404); assuming core User (with the Enterprise extension) and Group.',
    );
    expect(warnings).toContain(
      `Assumed that ${ACME_GROUP} extends Group (the target has no /ResourceTypes).`,
    );
  });

  it('falls back to the core schemas when /Schemas is 404 or 501, and says so', async () => {
    for (const status of [404, 501]) {
      const { server, client } = await target();
      server.answer('GET', '/Schemas', { status, body: { status: String(status), detail: 'no' } });
      const { registry, warnings } = await discoverTargetSchema(client);
      expect(
        registry
          .listSchemas()
          .map((s) => s.id)
          .sort(),
      ).toEqual([CORE_USER_SCHEMA_ID, CORE_GROUP_SCHEMA_ID, ENTERPRISE_USER_SCHEMA_ID].sort());
      expect(warnings).toEqual([
        `The target does not publish /Schemas (${status}); assuming the SCIM core User (with the Enterprise extension) and Group schemas.`,
      ]);
    }
  });

  it('throws on other failures, such as a rejected token', async () => {
    const { server, client } = await target();
    server.answer('GET', '/Schemas', { status: 401, body: { status: '401', detail: 'bad token' } });
    await expect(discoverTargetSchema(client)).rejects.toSatisfy(
      (error) => error instanceof ScimClientError && error.code === 'Unauthorized',
    );
  });
});
