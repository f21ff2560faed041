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
import {
  toGroupRepresentation,
  toUserRepresentation,
  toVerbatimJson,
  userDerived,
} from './resource-representation.js';
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
  /** The projected representations (decoded from `json` on first use when that is given). */
  readonly resources: JsonObject[];
  /** Every representation as JSON text, when each could be served from its stored text. */
  readonly json?: string[];
  readonly page: ResourcePage<StoredResource>;
}

/** The texts when every resource of the page can be served from its stored text, else undefined. */
function verbatimTexts(
  items: readonly StoredResource[],
  toJson: (item: StoredResource) => string | undefined,
): string[] | undefined {
  const texts: string[] = [];
  for (const item of items) {
    const json = toJson(item);
    if (json === undefined) return undefined;
    texts.push(json);
  }
  return texts;
}

function textPage(page: ResourcePage<StoredResource>, json: string[]): TypePage {
  let resources: JsonObject[] | undefined;
  return {
    page,
    json,
    get resources(): JsonObject[] {
      return (resources ??= json.map((text) => JSON.parse(text) as JsonObject));
    },
  };
}

const listTexts = new WeakMap<ListResponse<JsonObject>, string>();

/**
 * The list response as JSON text, when its resources were built as text (see
 * {@link listResources}); undefined for one to serialise as usual.
 */
export function listResponseJson(response: ListResponse<JsonObject>): string | undefined {
  return listTexts.get(response);
}

/** A list response whose `Resources` are texts: kept as one text, `Resources` decoded only if read. */
function textListResponse(response: ListResponse<string>): ListResponse<JsonObject> {
  const { Resources: texts, ...shell } = response;
  // `Resources` is the last member (buildListResponse): the texts go inside its brackets.
  const empty = JSON.stringify({ ...shell, Resources: [] });
  const json = `${empty.slice(0, -2)}${texts.join(',')}]}`;
  let resources: JsonObject[] | undefined;
  const result = {
    ...shell,
    get Resources(): JsonObject[] {
      return (resources ??= texts.map((text) => JSON.parse(text) as JsonObject));
    },
  } as ListResponse<JsonObject>;
  listTexts.set(result, json);
  return result;
}

function respond(
  input: { totalResults: number; startIndex?: number; nextCursor?: string },
  result: TypePage,
): ListResponse<JsonObject> {
  return result.json === undefined
    ? buildListResponse({ ...input, resources: result.resources })
    : textListResponse(buildListResponse({ ...input, resources: result.json }));
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
  const verbatim = projection.verbatim !== undefined;
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
  const json = verbatim
    ? verbatimTexts(page.items, (u) =>
        toVerbatimJson(u, 'User', ctx, userDerived(groups?.get(u.id), ctx), projection),
      )
    : undefined;
  if (json !== undefined) return textPage(page, json);
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
    const result = await queryType(deps, ctx, { ...base, startIndex: query.startIndex }, query);
    return respond({ totalResults: result.page.totalResults, startIndex: query.startIndex }, result);
  }
  const key = cursorQueryKey(resourceType, query);
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const after = query.cursor === '' ? undefined : decodeCursor(query.cursor, key, nowSeconds).position;
  const result = await queryType(deps, ctx, after === undefined ? base : { ...base, after }, query);
  const { page } = result;
  const nextCursor =
    page.nextPosition === undefined || page.items.length === 0
      ? undefined
      : encodeCursor({ position: page.nextPosition }, key, nowSeconds + deps.limits.cursorTimeout);
  return respond(
    { totalResults: page.totalResults, ...(nextCursor === undefined ? {} : { nextCursor }) },
    result,
  );
}
