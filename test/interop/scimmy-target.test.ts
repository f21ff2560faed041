import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryService } from '../../src/directory/index.js';
import type { ProvisioningService } from '../../src/provisioning/index.js';
import { testEngines, type TestStore } from '../../src/store/testing/index.js';
import { openInteropSource } from './interop-source.js';
import { startScimmyTarget, type ScimmyTarget } from './scimmy-target.js';

const TOKEN = 'interop-token';

/** One engine per file run: scimmy keeps its declarations in module-global state. */
const engine = testEngines()[0]!;

describe(`provisioning into a scimmy + scimmy-routers server (source on ${engine})`, () => {
  let target: ScimmyTarget;
  let source: TestStore;
  let directory: DirectoryService;
  let provisioning: ProvisioningService;
  const userNamed = (name: string) => [...target.users.values()].find((u) => u.userName === name);

  beforeAll(async () => {
    target = await startScimmyTarget(TOKEN);
    ({ source, directory, provisioning } = await openInteropSource(engine));
    await directory.createApplication({ name: 'Scimmy' });
    const boss = await directory.createUser({
      userPrincipalName: 'boss@example.org',
      mail: 'boss@example.org',
      givenName: 'Bo',
      surname: 'Ss',
      mailNickname: 'boss',
      accountEnabled: true,
    });
    await directory.createUser({
      userPrincipalName: 'ann@example.org',
      mail: 'ann@example.org',
      givenName: 'Ann',
      surname: 'Lee',
      mailNickname: 'ann',
      jobTitle: 'Dev',
      manager: boss.id,
      accountEnabled: true,
    });
    await directory.createGroup({ displayName: 'Staff' });
    await directory.addMember('Staff', 'ann@example.org');
    await directory.addMember('Staff', 'boss@example.org');
  });
  afterAll(async () => {
    await target.close();
    await source.dispose();
  });

  it('passes the connection test', async () => {
    await provisioning.configure('Scimmy', { scimUrl: target.url, token: TOKEN, scope: 'all' });
    const result = await provisioning.testConnection('Scimmy');
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
  });

  it('creates users, manager reference, group and members in an initial cycle', async () => {
    const summary = await provisioning.sync('Scimmy');
    expect(summary).toMatchObject({ kind: 'initial', created: 3, failed: 0, membersAdded: 2 });
    const ann = userNamed('ann@example.org');
    const boss = userNamed('boss@example.org');
    expect(ann).toMatchObject({ title: 'Dev', active: true, name: { givenName: 'Ann', familyName: 'Lee' } });
    expect(ann?.['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toMatchObject({
      manager: { value: boss?.id },
    });
    const staff = [...target.groups.values()][0]!;
    expect((staff.members as { value: string }[]).map((m) => m.value).sort()).toEqual(
      [ann?.id, boss?.id].sort(),
    );
  });

  it('sends only changes, disables, and sends nothing when nothing changed', async () => {
    await directory.updateUser('ann@example.org', { jobTitle: 'Lead' });
    expect(await provisioning.sync('Scimmy')).toMatchObject({ updated: 1, requests: 1, failed: 0 });
    expect(userNamed('ann@example.org')).toMatchObject({ title: 'Lead' });
    await directory.updateUser('ann@example.org', { accountEnabled: false });
    expect(await provisioning.sync('Scimmy')).toMatchObject({ disabled: 1, failed: 0 });
    expect(userNamed('ann@example.org')?.active).toBe(false);
    expect(await provisioning.sync('Scimmy')).toMatchObject({ requests: 0 });
  });

  it('deletes a permanently deleted user', async () => {
    await directory.deleteUser('ann@example.org');
    const ann = (await source.store.directory.getUserByPrincipalName('ann@example.org', {
      includeDeleted: true,
    }))!;
    await directory.purgeUser(ann.id);
    expect(await provisioning.sync('Scimmy')).toMatchObject({ deleted: 1, failed: 0 });
    expect(userNamed('ann@example.org')).toBeUndefined();
  });
});
