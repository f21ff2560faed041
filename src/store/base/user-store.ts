import type { JsonObject, SchemaRegistry } from '../../scim/index.js';
import type {
  NewResource,
  WriteOptions,
  ResourcePage,
  ResourceQuery,
  StoredResource,
  StoredUserWithGroups,
  UserGroup,
  UserPageWithGroups,
  UserStore,
} from '../store.js';
import { PREPARED_GROUPS_OF_IDS, SELECT_RESOURCE_WITH_GROUPS, selectGroupsOf } from './resource-queries.js';
import { KyselyResourceStore } from './resource-store.js';
import { toStoredResource } from './resource-rows.js';
import { chunk, inTransaction, type StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

export class KyselyUserStore extends KyselyResourceStore implements UserStore {
  constructor(context: StoreContext, registry: SchemaRegistry) {
    super(context, registry, 'User');
  }

  async insert(
    tenantId: string,
    user: NewResource,
    options: { lastModified: string },
  ): Promise<StoredResource> {
    return translating(
      this.context.dialect,
      () =>
        this.plan.multiValues.length === 0
          ? this.insertRow(this.context.db, tenantId, user, options.lastModified)
          : inTransaction(this.context.db, (db) => this.insertRow(db, tenantId, user, options.lastModified)),
      this.explain(tenantId, user.id, user.data),
    );
  }

  async getWithGroups(tenantId: string, id: string): Promise<StoredUserWithGroups | undefined> {
    return translating(this.context.dialect, async () => {
      const { rows } = await SELECT_RESOURCE_WITH_GROUPS.execute(this.context, [
        tenantId,
        id,
        this.resourceType,
      ]);
      const first = rows[0];
      if (first === undefined) return undefined;
      const groups: UserGroup[] = [];
      for (const row of rows) {
        if (row.member_group_id !== null) {
          groups.push({ id: row.member_group_id, display: row.member_group_display ?? '' });
        }
      }
      groups.sort(byId);
      return { user: toStoredResource(first, this.context.dialect), groups };
    });
  }

  async replace(
    tenantId: string,
    id: string,
    data: JsonObject,
    options: WriteOptions,
  ): Promise<StoredResource> {
    return this.replaceRow(tenantId, id, data, options);
  }

  async query(tenantId: string, query: ResourceQuery): Promise<ResourcePage<StoredResource>> {
    const page = await this.queryRows(tenantId, query);
    return {
      items: page.rows.map((row) => toStoredResource(row, this.context.dialect)),
      totalResults: page.totalResults,
      nextPosition: page.nextPosition,
    };
  }

  async queryWithGroups(tenantId: string, query: ResourceQuery): Promise<UserPageWithGroups> {
    const page = await this.queryRows(tenantId, query, { withGroups: true });
    return {
      items: page.rows.map((row) => toStoredResource(row, this.context.dialect)),
      totalResults: page.totalResults,
      nextPosition: page.nextPosition,
      groups: page.groups ?? new Map<string, UserGroup[]>(),
    };
  }

  async groupsOf(
    tenantId: string,
    userIds: readonly string[],
  ): Promise<Map<string, { id: string; display: string }[]>> {
    return translating(this.context.dialect, async () => {
      const result = new Map<string, { id: string; display: string }[]>();
      const ids = [...new Set(userIds)];
      for (const id of ids) result.set(id, []);
      if (ids.length > 0 && ids.length <= PREPARED_GROUPS_OF_IDS) {
        const { rows } = await selectGroupsOf(ids.length).execute(this.context, [tenantId, ...ids]);
        for (const row of rows) {
          result.get(row.member_id)?.push({ id: row.group_id, display: row.display_name ?? '' });
        }
      } else
        for (const part of chunk(ids, 1, this.context.dialect.maxParameters)) {
          const rows = await this.context.db
            .selectFrom('scim_group_members as m')
            .innerJoin('scim_resources as g', (join) =>
              join.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.group_id'),
            )
            .select(['m.member_id', 'm.group_id', 'g.display_name'])
            .where('m.tenant_id', '=', tenantId)
            .where('m.member_id', 'in', part)
            .execute();
          for (const row of rows) {
            result.get(row.member_id)?.push({ id: row.group_id, display: row.display_name ?? '' });
          }
        }
      // Sorted here, not in SQL: an ORDER BY group_id lets SQLite's planner pick the primary key
      // (tenant, group, member) and scan every membership of the tenant instead of the member index.
      for (const groups of result.values()) groups.sort(byId);
      return result;
    });
  }
}

function byId(a: UserGroup, b: UserGroup): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
