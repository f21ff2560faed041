import {
  buildListResponse,
  type AttributePath,
  type Filter,
  type JsonObject,
  type ListQuery,
  type ListResponse,
} from '../../scim/index.js';
import type { ResourcePage, StoredGroup, StoredResource, UserGroup } from '../../store/index.js';
import { cursorQueryKey, decodeCursor, encodeCursor } from './cursor-codec.js';
import { assertFilterAttributes, assertSortAttribute, planProjection } from './query-attributes.js';
import { toGroupRepresentation, toUserRepresentation } from './resource-representation.js';
import type { ScimContext, ScimResourceType } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';

/** One store query of one resource type, already checked against its schema. */
export interface TypeQuery {
  readonly resourceType: ScimResourceType;
  readonly filter?: Filter;
  readonly sortBy?: AttributePath;
  readonly sortOrder: 'ascending' | 'descending';
  readonly count: number;
  readonly startIndex?: number;
  readonly after?: string;
}

export interface TypePage {
  readonly resources: JsonObject[];
  readonly page: ResourcePage<StoredResource>;
}

/** The page size: the client's `count`, else the default, never above `maxPageSize` (clamped, not refused). */
export function pageSize(deps: ScimServiceDeps, query: ListQuery): number {
  return Math.min(query.count ?? deps.limits.defaultPageSize, deps.limits.maxPageSize);
}

/** Runs one query and turns the stored resources into projected representations. */
export async function queryType(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  query: TypeQuery,
  projectionOptions: Pick<ListQuery, 'attributes' | 'excludedAttributes'>,
): Promise<TypePage> {
  const schema = deps.registry.resourceSchema(query.resourceType);
  const projection = planProjection(schema, projectionOptions);
  const storeQuery = {
    schema,
    sortOrder: query.sortOrder,
    count: query.count,
    ...(query.filter === undefined ? {} : { filter: query.filter }),
    ...(query.sortBy === undefined ? {} : { sortBy: query.sortBy }),
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(query.startIndex === undefined ? {} : { startIndex: query.startIndex }),
  };
  if (query.resourceType === 'Group') {
    const page: ResourcePage<StoredGroup> = await deps.store.groups.query(ctx.tenantId, {
      ...storeQuery,
      members: projection.wants('members'),
    });
    return { page, resources: page.items.map((g) => projection.project(toGroupRepresentation(g, ctx))) };
  }
  // The users and their groups in one read when the answer shows `groups` (the default).
  let page: ResourcePage<StoredResource>;
  let groups: ReadonlyMap<string, UserGroup[]> | undefined;
  if (projection.wants('groups')) {
    const withGroups = await deps.store.users.queryWithGroups(ctx.tenantId, storeQuery);
    ({ groups } = withGroups);
    page = withGroups;
  } else {
    page = await deps.store.users.query(ctx.tenantId, storeQuery);
  }
  return {
    page,
    resources: page.items.map((u) => projection.project(toUserRepresentation(u, groups?.get(u.id), ctx))),
  };
}

/**
 * `GET /Users`, `GET /Groups` and their `/.search` (RFC 7644 §3.4.2, §3.4.3): filter and sort
 * run in the store; index paging gives an exact `totalResults`; `cursor` (RFC 9865) pages by
 * keyset, so deep pages cost no more than the first.
 */
export async function listResources(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  resourceType: ScimResourceType,
  query: ListQuery,
): Promise<ListResponse<JsonObject>> {
  const schema = deps.registry.resourceSchema(resourceType);
  if (query.filter !== undefined) assertFilterAttributes(query.filter, schema);
  if (query.sortBy !== undefined) assertSortAttribute(query.sortBy, schema);
  const base = {
    resourceType,
    sortOrder: query.sortOrder,
    count: pageSize(deps, query),
    ...(query.filter === undefined ? {} : { filter: query.filter }),
    ...(query.sortBy === undefined ? {} : { sortBy: query.sortBy }),
  };
  if (query.cursor === undefined) {
    const { page, resources } = await queryType(deps, ctx, { ...base, startIndex: query.startIndex }, query);
    return buildListResponse({ resources, totalResults: page.totalResults, startIndex: query.startIndex });
  }
  const key = cursorQueryKey(resourceType, query);
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const after = query.cursor === '' ? undefined : decodeCursor(query.cursor, key, nowSeconds).position;
  const { page, resources } = await queryType(
    deps,
    ctx,
    after === undefined ? base : { ...base, after },
    query,
  );
  const nextCursor =
    page.nextPosition === undefined || resources.length === 0
      ? undefined
      : encodeCursor({ position: page.nextPosition }, key, nowSeconds + deps.limits.cursorTimeout);
  return buildListResponse({
    resources,
    totalResults: page.totalResults,
    ...(nextCursor === undefined ? {} : { nextCursor }),
  });
}
