import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryService } from '../../../src/directory/index.js';
import {
  CONNECTOR_PROFILES,
  ProvisioningError,
  ProvisioningService,
  SecretBox,
  type CycleEvent,
} from '../../../src/provisioning/index.js';
import { SchemaRegistry, defineAttribute, type JsonObject } from '../../../src/scim/index.js';
import { testEngines } from '../../../src/store/testing/index.js';
import { createTestServer, type TestServer, type TestTenant } from '../../support/test-server.js';

const EXT = 'urn:example:params:scim:schemas:extension:acme:2.0:User';

/** A target whose User resource has a custom extension, as SaaS apps often do. */
function registryWithExtension(): SchemaRegistry {
  return SchemaRegistry.withCoreSchemas()
    .addSchema({
      id: EXT,
      name: 'AcmeUser',
      attributes: [defineAttribute('costCenter'), defineAttribute('badge', { type: 'integer' })],
    })
    .extendResourceType('User', EXT);
}

describe.each(testEngines())(
  'custom extensions, SelectUniqueValue and Redact against a target with its own schema (%s)',
  (engine) => {
    let server: TestServer;
    let tenant: TestTenant & { url: string };
    let directory: DirectoryService;
    let provisioning: ProvisioningService;

    beforeAll(async () => {
      server = await createTestServer(engine, { registry: registryWithExtension() });
      const origin = await server.listen();
      const t = await server.createTenant();
      tenant = { ...t, url: `${origin}${t.scimPath}` };
      directory = new DirectoryService(server.store);
      provisioning = new ProvisioningService(
        server.store,
        SecretBox.fromText(SecretBox.generateKeyText(), 'test'),
      );
      await directory.createApplication({ name: 'Acme' });
      await provisioning.configure('Acme', { scimUrl: tenant.url, token: tenant.apiKey, scope: 'all' });
    });
    afterAll(async () => {
      await server.close();
    });

    const base = CONNECTOR_PROFILES['generic-scim'].mappings;

    it('refuses a mapping to an attribute the target does not define, naming it', async () => {
      const users = {
        ...base.users,
        attributes: [
          ...base.users.attributes,
          { target: `${EXT}:floor`, type: 'direct' as const, source: 'officeLocation' },
        ],
      };
      const error = await provisioning.setMappings('Acme', { ...base, users }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisioningError);
      const { code, issues } = error as ProvisioningError;
      expect(code).toBe('SCIMSYNC_ERR_PROVISIONING_INVALID_MAPPINGS');
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toMatch(/^users\.attributes\[\d+\]\.target$/);
      expect(issues[0]!.message).toContain('floor');
    });

    it('provisions custom extension attributes, a unique nickName and a redacted value', async () => {
      const users = {
        ...base.users,
        attributes: [
          ...base.users.attributes,
          {
            target: `${EXT}:costCenter`,
            type: 'expression' as const,
            expression: 'Redact([extensionAttribute1])',
          },
          { target: `${EXT}:badge`, type: 'direct' as const, source: 'extensionAttribute2' },
          {
            target: 'nickName',
            type: 'expression' as const,
            expression:
              'SelectUniqueValue(ToLower([givenName]), Join("", ToLower([givenName]), "2"), Join("", ToLower([givenName]), "3"))',
            apply: 'creation' as const,
          },
        ],
      };
      await provisioning.setMappings('Acme', { ...base, users });
      // Someone already has nickName "amy" in the target.
      const taken = await server.app.inject({
        method: 'POST',
        url: `${tenant.scimPath}/Users`,
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
        payload: {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'other@example.com',
          nickName: 'amy',
        },
      });
      expect(taken.statusCode).toBe(201);
      await directory.createUser({
        userPrincipalName: 'amy@example.com',
        givenName: 'Amy',
        accountEnabled: true,
        extensionAttribute1: 'CC-42',
        extensionAttribute2: '1234',
      });
      const events: CycleEvent[] = [];
      const summary = await provisioning.sync('Acme', { onEvent: (e) => events.push(e) });
      expect(summary).toMatchObject({ created: 1, failed: 0 });
      const res = await server.app.inject({
        method: 'GET',
        url: `${tenant.scimPath}/Users?filter=${encodeURIComponent('userName eq "amy@example.com"')}`,
        headers: { authorization: `Bearer ${tenant.apiKey}` },
      });
      const amy = (res.json<JsonObject>().Resources as JsonObject[])[0]!;
      expect(amy.nickName).toBe('amy2');
      expect(amy[EXT]).toEqual({ costCenter: 'CC-42', badge: 1234 });
      const created = events.find((e) => e.type === 'object' && e.action === 'Create');
      expect(created?.type === 'object' && created.changes).toEqual(
        expect.arrayContaining([
          { op: 'add', path: `${EXT}:costCenter`, value: '[Redact]' },
          { op: 'add', path: 'nickName', value: 'amy2' },
        ]),
      );
      expect(JSON.stringify(events)).not.toContain('CC-42');
    });
  },
);
