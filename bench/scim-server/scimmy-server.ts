/**
 * The baseline: a SCIM server built from the npm packages scimmy + scimmy-routers on express, in
 * memory, written the way their documentation shows (egress returns the resources, the library
 * filters, patches and pages them). Loads USERS users (`user{i}@example.com`, id `u{i}`) and a
 * group `big` whose members are every user. Prints `listening on URL`.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Data = Record<string, unknown> & { id?: string };

const USERS = Number(process.argv[2] ?? 10_000);
const TOKEN = process.argv[3] ?? 'baseline-token';

const users = new Map<string, Data>();
const userNames = new Set<string>();
const groups = new Map<string, Data>();
let sequence = 0;
const now = (): string => new Date().toISOString();

for (let i = 0; i < USERS; i++) {
  const userName = `user${i}@example.com`;
  userNames.add(userName.toLowerCase());
  users.set(`u${i}`, {
    id: `u${i}`,
    userName,
    name: { givenName: `Given${i}`, familyName: `Family${i}` },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    meta: { created: now(), lastModified: now() },
  });
}
groups.set('big', {
  id: 'big',
  displayName: 'Big group',
  members: [...users.keys()].map((value) => ({ value, type: 'User' })),
  meta: { created: now(), lastModified: now() },
});

function notFound(id: string): never {
  throw new SCIMMY.Types.Error(404, null as never, `Resource ${id} not found`);
}

function declare(
  resource: typeof SCIMMY.Resources.User | typeof SCIMMY.Resources.Group,
  store: Map<string, Data>,
) {
  const unique = resource === SCIMMY.Resources.User ? userNames : undefined;
  SCIMMY.Resources.declare(resource, {
    egress: (target: { id?: string; filter?: { match: (values: Data[]) => Data[] } }) => {
      if (target.id !== undefined) return store.get(target.id) ?? notFound(target.id);
      const all = [...store.values()];
      return target.filter === undefined ? all : target.filter.match(all);
    },
    ingress: (target: { id?: string }, instance: Data) => {
      const data = JSON.parse(JSON.stringify(instance)) as Data;
      if (target.id !== undefined) {
        const existing = store.get(target.id) ?? notFound(target.id);
        const meta = { ...(existing.meta as object), lastModified: now() };
        const next = { ...data, id: target.id, meta };
        store.set(target.id, next);
        return next;
      }
      const userName = typeof data.userName === 'string' ? data.userName.toLowerCase() : '';
      if (unique?.has(userName)) throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName already in use');
      unique?.add(userName);
      const id = `n${++sequence}`;
      const created = { ...data, id, meta: { created: now(), lastModified: now() } };
      store.set(id, created);
      return created;
    },
    degress: (target: { id?: string }) => {
      if (target.id === undefined || !store.delete(target.id)) notFound(target.id ?? '');
    },
  } as never);
}
declare(SCIMMY.Resources.User, users);
declare(SCIMMY.Resources.Group, groups);

const app = express();
app.use(
  '/scim',
  new SCIMMYRouters({
    type: 'bearer',
    handler: (request: { header(name: string): string | undefined }) => {
      if (request.header('authorization') !== `Bearer ${TOKEN}`) throw new Error('Authorization failed');
      return 'bench';
    },
  }),
);
const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => process.exit(0));
