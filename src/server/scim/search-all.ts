import {
  buildListResponse,
  ScimError,
  type JsonObject,
  type ListQuery,
  type ListResponse,
} from '../../scim/index.js';
import { cursorQueryKey, decodeCursor, encodeCursor, type CursorState } from './cursor-codec.js';
import { BadCursor } from './errors.js';
import { pageSize, queryType, type TypeQuery } from './list-resources.js';
import { assertFilterAttributes, assertSortAttribute } from './query-attributes.js';
import { SCIM_RESOURCE_TYPES, type ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';

/**
 * The resource types a root query can run on: those whose schema has every filter attribute.
 * A type lacking the sort attribute is queried unsorted. When no type fits, the first type's
 * error is raised.
 */
function plan(deps: ScimServiceDeps, query: ListQuery, count: number): TypeQuery[] {
  const plans: TypeQuery[] = [];
  let firstError: unknown;
  let sortResolved = query.sortBy === undefined;
  for (const resourceType of SCIM_RESOURCE_TYPES) {
    const schema = deps.registry.resourceSchema(resourceType);
    try {
      if (query.filter !== undefined) assertFilterAttributes(query.filter, schema);
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      firstError ??= error;
      continue;
    }
    let sorted = false;
    if (query.sortBy !== undefined) {
      try {
        assertSortAttribute(query.sortBy, schema);
        sorted = true;
        sortResolved = true;
      } catch (error) {
        if (!(error instanceof ScimError)) throw error;
        firstError ??= error;
      }
    }
    plans.push({
      resourceType,
      sortOrder: query.sortOrder,
      count,
      ...(query.filter === undefined ? {} : { filter: query.filter }),
      ...(sorted && query.sortBy !== undefined ? { sortBy: query.sortBy } : {}),
    });
  }
  if (plans.length === 0 || !sortResolved) throw firstError;
  return plans;
}

/**
 * `POST /.search` at the root (RFC 7644 §3.4.3): Users, then Groups, as one list. `sortBy`
 * orders within each type. Index paging spans both types with an exact total; a cursor names
 * the type it points into.
 */
export async function searchAll(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  query: ListQuery,
): Promise<ListResponse<JsonObject>> {
  const count = pageSize(deps, query);
  const plans = plan(deps, query, count);
  const resources: JsonObject[] = [];
  let totalResults = 0;

  if (query.cursor === undefined) {
    let skip = query.startIndex - 1;
    for (const typePlan of plans) {
      const remaining = count - resources.length;
      const result = await queryType(
        deps,
        ctx,
        { ...typePlan, count: remaining, startIndex: skip + 1 },
        query,
      );
      resources.push(...result.resources);
      totalResults += result.page.totalResults;
      skip = Math.max(0, skip - result.page.totalResults);
    }
    return buildListResponse({ resources, totalResults, startIndex: query.startIndex });
  }

  const key = cursorQueryKey('', query);
  const nowSeconds = Math.floor(deps.now().getTime() / 1000);
  const state: CursorState | undefined =
    query.cursor === '' ? undefined : decodeCursor(query.cursor, key, nowSeconds);
  const startAt = state === undefined ? 0 : plans.findIndex((p) => p.resourceType === state.resourceType);
  if (startAt < 0) throw new BadCursor('invalid');
  let next: CursorState | undefined;
  for (const [index, typePlan] of plans.entries()) {
    const remaining = count - resources.length;
    const after =
      index === startAt && state !== undefined && state.position !== '' ? state.position : undefined;
    // Types before the cursor's are counted only; later ones also fill the rest of the page.
    const take = index < startAt || next !== undefined ? 0 : remaining;
    const result = await queryType(
      deps,
      ctx,
      { ...typePlan, count: take, ...(after === undefined ? {} : { after }) },
      query,
    );
    totalResults += result.page.totalResults;
    if (take === 0) continue;
    resources.push(...result.resources);
    if (result.page.nextPosition !== undefined && result.resources.length === take) {
      next = { position: result.page.nextPosition, resourceType: typePlan.resourceType };
    } else if (resources.length === count) {
      const following = plans[index + 1];
      if (following !== undefined) next = { position: '', resourceType: following.resourceType };
    }
  }
  const nextCursor =
    next === undefined ? undefined : encodeCursor(next, key, nowSeconds + deps.limits.cursorTimeout);
  return buildListResponse({ resources, totalResults, ...(nextCursor === undefined ? {} : { nextCursor }) });
}
