import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryService } from '../../src/directory/index.js';
import type { ProvisioningService } from '../../src/provisioning/index.js';
import type { ScimRequestEvent } from '../../src/provisioning/scim-client/index.js';
import { testEngines, type TestStore } from '../../src/store/testing/index.js';
import { openInteropSource } from './interop-source.js';
import { startScimmyTarget, type ScimmyTarget } from './scimmy-target.js';

const TOKEN = 'interop-token';
const USERS = 12;

/** A file of its own: scimmy keeps its configuration in module-global state. */
const engine = testEngines()[0]!;

describe(`creations through the Bulk endpoint of a scimmy + scimmy-routers server (source on ${engine})`, () => {
  let target: ScimmyTarget;
  let source: TestStore;
  let directory: DirectoryService;
  let provisioning: ProvisioningService;

  beforeAll(async () => {
    target = await startScimmyTarget(TOKEN, { bulk: { maxOperations: 5, maxPayloadSize: 1_048_576 } });
    ({ source, directory, provisioning } = await openInteropSource(engine));
    await directory.createApplication({ name: 'Scimmy' });
    await directory.createGroup({ displayName: 'Staff' });
    for (let i = 0; i < USERS; i++) {
      const upn = `user${i}@example.org`;
      await directory.createUser({
        userPrincipalName: upn,
        mail: upn,
        givenName: 'User',
        surname: `N${i}`,
        mailNickname: `u${i}`,
        accountEnabled: true,
      });
      await directory.addMember('Staff', upn);
    }
    await provisioning.configure('Scimmy', { scimUrl: target.url, token: TOKEN, scope: 'all' });
  });
  afterAll(async () => {
    await target.close();
    await source.dispose();
  });

  it('creates every user through Bulk requests within the target’s maxOperations, then the group and members', async () => {
    const requests: ScimRequestEvent[] = [];
    const summary = await provisioning.sync('Scimmy', { onRequest: (r) => requests.push(r) });
    expect(summary).toMatchObject({ kind: 'initial', created: USERS + 1, failed: 0, membersAdded: USERS });
    expect(requests.filter((r) => r.path === '/Bulk').length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.method === 'POST' && r.path === '/Users').length).toBeLessThan(USERS / 2);
    const users = [...target.users.values()];
    expect(users.map((u) => u.userName).sort()).toEqual(
      Array.from({ length: USERS }, (_, i) => `user${i}@example.org`).sort(),
    );
    expect(users.every((u) => u.active === true && u.externalId !== undefined)).toBe(true);
    const staff = [...target.groups.values()][0]!;
    expect((staff.members as { value: string }[]).map((m) => m.value).sort()).toEqual(
      users.map((u) => u.id).sort(),
    );
    const again = await provisioning.sync('Scimmy');
    expect(again.requests).toBe(0);
  });
});
