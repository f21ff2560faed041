import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/scim/index.js';
import { testEngines } from '../../../src/store/testing/index.js';
import { openHarness, type Harness } from './provisioning-harness.js';

const USERS = 30;

/** Forwards to the target; once `budget` requests have passed, answers 503 until refilled. */
async function startFaultyProxy(
  upstream: string,
): Promise<{ url: string; budget: number; server: Server; forwarded: number; losePatchAnswers: number }> {
  const target = new URL(upstream);
  const state = {
    url: '',
    budget: Number.POSITIVE_INFINITY,
    server: undefined as unknown as Server,
    forwarded: 0,
    /** This many PATCH answers are dropped after the target applied the request (a lost answer). */
    losePatchAnswers: 0,
  };
  state.server = createServer((req, res) => {
    if (state.budget <= 0) {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/scim+json' }).end(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '503',
          detail: 'down for the test',
        }),
      );
      return;
    }
    state.budget--;
    state.forwarded++;
    const forward = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (req.method === 'PATCH' && state.losePatchAnswers > 0) {
          state.losePatchAnswers--;
          answer.resume();
          answer.on('end', () => res.socket?.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(state.server.address() as AddressInfo).port}`;
  return state;
}

describe.each(testEngines())(
  'a cycle interrupted at any point resumes without duplicates or lost members (%s)',
  (engine) => {
    let h: Harness;
    let proxy: Awaited<ReturnType<typeof startFaultyProxy>>;
    let tenant: Awaited<ReturnType<Harness['newTenant']>>;

    beforeAll(async () => {
      h = await openHarness(engine);
      tenant = await h.newTenant();
      proxy = await startFaultyProxy(h.origin);
      await h.directory.createApplication({ name: 'App' });
      const group = await h.directory.createGroup({ displayName: 'All' });
      for (let i = 0; i < USERS; i++) {
        const upn = `user${String(i).padStart(2, '0')}@example.com`;
        const u = await h.directory.createUser({
          userPrincipalName: upn,
          mail: upn,
          mailNickname: `u${i}`,
          accountEnabled: true,
        });
        await h.directory.addMember(group.id, u.id);
      }
      await h.provisioning.configure('App', {
        scimUrl: `${proxy.url}${tenant.scimPath}`,
        token: tenant.apiKey,
        scope: 'all',
        options: { membershipBatchSize: 7, pageSize: 10 },
      });
    });
    afterAll(async () => {
      proxy.server.closeAllConnections();
      proxy.server.close();
      await h.close();
    });

    async function expectExactlyProvisioned(): Promise<void> {
      const users = await h.targetUsers(tenant);
      expect(users).toHaveLength(USERS);
      expect(new Set(users.map((u) => String(u.userName))).size).toBe(USERS);
      const groups = await h.targetGroups(tenant);
      expect(groups).toHaveLength(1);
      const members = (groups[0]!.members as JsonObject[]).map((m) => m.value);
      expect(new Set(members)).toEqual(new Set(users.map((u) => u.id)));
    }

    it('the target failing mid-cycle: failures are recorded and retried by the next cycle', async () => {
      // Creations go 10 to a Bulk request: after a page's lookup, the ServiceProviderConfig and
      // the first Bulk request (and perhaps the second page's lookup), the target goes down.
      proxy.budget = 5;
      const broken = await h.sync('App');
      expect(broken.summary.failed).toBeGreaterThan(0);
      expect(broken.summary.created).toBeGreaterThan(0);
      proxy.budget = Number.POSITIVE_INFINITY;
      const healed = await h.sync('App');
      expect(healed.summary.kind).toBe('incremental');
      expect(healed.summary.failed).toBe(0);
      await expectExactlyProvisioned();
      const quiet = await h.sync('App');
      expect(quiet.summary.requests).toBe(0);
    });

    it('the process dying after POSTs whose links were never written: matched, not duplicated', async () => {
      await h.provisioning.restart('App', { reset: true });
      // A target with nothing: links are forgotten AND the objects are gone, so everything is created again.
      for (const u of await h.targetUsers(tenant)) {
        await h.server.app.inject({
          method: 'DELETE',
          url: `${tenant.scimPath}/Users/${String(u.id)}`,
          headers: { authorization: `Bearer ${tenant.apiKey}` },
        });
      }
      for (const g of await h.targetGroups(tenant)) {
        await h.server.app.inject({
          method: 'DELETE',
          url: `${tenant.scimPath}/Groups/${String(g.id)}`,
          headers: { authorization: `Bearer ${tenant.apiKey}` },
        });
      }
      let creates = 0;
      const crash = new Error('simulated crash');
      await expect(
        h.provisioning.sync('App', {
          onEvent: (e) => {
            if (e.type === 'object' && e.action === 'Create' && ++creates === 13) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      expect((await h.targetUsers(tenant)).length).toBeGreaterThanOrEqual(13);
      const resumed = await h.sync('App');
      expect(resumed.summary.kind).toBe('initial');
      expect(resumed.summary.failed).toBe(0);
      expect(resumed.requests.filter((r) => r.method === 'POST').length).toBeLessThanOrEqual(USERS - 13 + 1);
      await expectExactlyProvisioned();
      const cycles = await h.provisioning.cycles('App', 10);
      expect(cycles.some((c) => c.summary.error === 'simulated crash')).toBe(true);
    });

    it('membership PATCHes whose answers are lost after the target applied them: retried, nothing doubled or lost', async () => {
      await h.directory.createGroup({ displayName: 'Second' });
      const users = await h.server.store.directory.listUsers({ limit: 100 });
      for (const u of users.items) await h.directory.addMember('Second', u.id);
      proxy.losePatchAnswers = 2;
      const result = await h.sync('App');
      expect(proxy.losePatchAnswers).toBe(0);
      expect(result.summary.failed).toBe(0);
      expect(result.requests.filter((r) => r.errorCode === 'ConnectionReset')).toHaveLength(2);
      const second = (await h.targetGroups(tenant)).find((g) => g.displayName === 'Second')!;
      const members = (second.members as JsonObject[]).map((m) => m.value);
      expect(members).toHaveLength(USERS);
      expect(new Set(members).size).toBe(USERS);
      await h.directory.removeMember('Second', users.items[0]!.id);
      expect((await h.sync('App')).summary).toMatchObject({ membersRemoved: 1, failed: 0 });
    });
  },
);
