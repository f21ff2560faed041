/**
 * A SCIM server written by others, as a provisioning target: the npm packages scimmy +
 * scimmy-routers on express, in memory, declared the way their documentation shows.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';

type Data = Record<string, unknown> & { id?: string };

export interface ScimmyTarget {
  readonly url: string;
  readonly users: Map<string, Data>;
  readonly groups: Map<string, Data>;
  close(): Promise<void>;
}

function notFound(id: string): never {
  throw new SCIMMY.Types.Error(404, null as never, `Resource ${id} not found`);
}

export interface ScimmyTargetOptions {
  /** Switch on scimmy's own Bulk endpoint (off by default, as scimmy ships). */
  readonly bulk?: { readonly maxOperations: number; readonly maxPayloadSize: number };
}

export async function startScimmyTarget(
  token: string,
  options: ScimmyTargetOptions = {},
): Promise<ScimmyTarget> {
  const users = new Map<string, Data>();
  const groups = new Map<string, Data>();
  let sequence = 0;
  const now = (): string => new Date().toISOString();
  const declare = (
    resource: typeof SCIMMY.Resources.User | typeof SCIMMY.Resources.Group,
    store: Map<string, Data>,
  ) => {
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
          const next = {
            ...data,
            id: target.id,
            meta: { ...(existing.meta as object), lastModified: now() },
          };
          store.set(target.id, next);
          return next;
        }
        if (store === users) {
          const name = String(data.userName).toLowerCase();
          if ([...users.values()].some((u) => String(u.userName).toLowerCase() === name)) {
            throw new SCIMMY.Types.Error(409, 'uniqueness', 'userName already in use');
          }
        }
        const id = `id-${++sequence}`;
        const created = { ...data, id, meta: { created: now(), lastModified: now() } };
        store.set(id, created);
        return created;
      },
      degress: (target: { id?: string }) => {
        if (target.id === undefined || !store.delete(target.id)) notFound(target.id ?? '');
      },
    } as never);
  };
  declare(SCIMMY.Resources.User, users);
  declare(SCIMMY.Resources.Group, groups);
  if (options.bulk !== undefined) SCIMMY.Config.set({ bulk: { supported: true, ...options.bulk } });
  SCIMMY.Schemas.declare(SCIMMY.Schemas.EnterpriseUser.definition);
  SCIMMY.Resources.User.extend(SCIMMY.Schemas.EnterpriseUser, false);
  const app = express();
  app.use(
    '/scim',
    new SCIMMYRouters({
      type: 'bearer',
      handler: (request: { header(name: string): string | undefined }) => {
        if (request.header('authorization') !== `Bearer ${token}`) throw new Error('Authorization failed');
        return 'interop';
      },
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim`,
    users,
    groups,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
