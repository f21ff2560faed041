import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { ScimResourceRow } from '../database.js';
import type { SortKey } from '../filter-sql/filter-sql-compiler.js';
import type { ResourceQuery } from '../store.js';
import {
  decodePosition,
  encodePosition,
  fingerprintQuery,
  type Position,
  type SortValue,
} from './position.js';
import type { ResourcePlan } from './resource-plan.js';
import type { StoreContext } from './store-dialect.js';

export interface RowPage {
  readonly rows: ScimResourceRow[];
  readonly totalResults: number;
  readonly nextPosition: string | undefined;
}

interface Target {
  readonly tenantId: string;
  readonly resourceType: string;
  readonly plan: ResourcePlan;
}

/**
 * One page of resources: the filter and sort compiled to SQL, exact total by COUNT with the same
 * WHERE, index paging by OFFSET or keyset paging after a position (sort value, id). Ties and
 * keyset order break on id; missing sort values come last ascending, first descending
 * (RFC 7644 §3.4.2.3).
 */
export async function queryResources(
  context: StoreContext,
  target: Target,
  query: ResourceQuery,
): Promise<RowPage> {
  const { db, dialect } = context;
  const compiler = dialect.createFilterCompiler({
    tenantId: target.tenantId,
    schema: query.schema,
    plan: target.plan,
  });
  const where = query.filter === undefined ? undefined : compiler.compile(query.filter);
  const sort = query.sortBy === undefined ? undefined : compiler.sortKey(query.sortBy);
  const descending = query.sortOrder === 'descending';
  const fingerprint = fingerprintQuery([query.filter ?? null, query.sortBy ?? null, descending]);
  const after = query.after === undefined ? undefined : decodePosition(query.after, fingerprint);

  let base = db
    .selectFrom('scim_resources as r')
    .where('r.tenant_id', '=', target.tenantId)
    .where('r.resource_type', '=', target.resourceType);
  if (where !== undefined) base = base.where(where);

  const count = Math.max(0, query.count);
  const offset = after === undefined ? Math.max(0, (query.startIndex ?? 1) - 1) : 0;
  const totalPromise =
    query.withTotal === false
      ? undefined
      : base.select(sql<number | string>`count(*)`.as('total')).executeTakeFirstOrThrow();
  let rows: (ScimResourceRow & { sort_key?: SortValue })[] = [];
  if (count > 0) {
    let page = base.selectAll('r');
    if (sort !== undefined) page = page.select(sort.expr.as('sort_key'));
    if (after !== undefined) page = page.where(afterPosition(sort, descending, after));
    page = orderBy(page, sort, descending);
    rows = await page
      .limit(count + 1)
      .offset(offset)
      .execute();
  }
  const total = totalPromise === undefined ? undefined : Number((await totalPromise).total);
  const more = rows.length > count;
  if (more) rows.length = count;
  const last = rows[rows.length - 1];
  const nextPosition =
    more && last !== undefined
      ? encodePosition(fingerprint, { sortValue: normalizeSortValue(last.sort_key), id: last.id })
      : undefined;
  for (const row of rows) delete row.sort_key;
  return { rows, totalResults: total ?? offset + rows.length, nextPosition };
}

function normalizeSortValue(value: SortValue | undefined): SortValue {
  return value === undefined ? null : value;
}

interface Orderable {
  orderBy(expression: Expression<unknown>, direction: 'asc' | 'desc'): this;
}

function orderBy<P extends Orderable>(page: P, sort: SortKey | undefined, descending: boolean): P {
  let ordered = page;
  if (sort !== undefined) {
    const missing = sql`(${sort.expr} is null)`;
    ordered = ordered
      .orderBy(missing, descending ? 'desc' : 'asc')
      .orderBy(sort.expr, descending ? 'desc' : 'asc');
  }
  return ordered.orderBy(sql`r.id`, 'asc');
}

/** Rows strictly after `position` in the order {@link orderBy} produces. */
function afterPosition(
  sort: SortKey | undefined,
  descending: boolean,
  position: Position,
): RawBuilder<SqlBool> {
  const id = position.id;
  if (sort === undefined) return sql<SqlBool>`r.id > ${id}`;
  const key = sort.expr;
  const value = sort.bind(position.sortValue);
  if (position.sortValue === null) {
    return descending
      ? sql<SqlBool>`((${key} is null and r.id > ${id}) or ${key} is not null)`
      : sql<SqlBool>`(${key} is null and r.id > ${id})`;
  }
  return descending
    ? sql<SqlBool>`(${key} is not null and (${key} < ${value} or (${key} = ${value} and r.id > ${id})))`
    : sql<SqlBool>`(${key} is null or ${key} > ${value} or (${key} = ${value} and r.id > ${id}))`;
}
