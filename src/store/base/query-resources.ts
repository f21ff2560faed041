import { sql, type CompiledQuery, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Filter, ResourceSchema } from '../../scim/index.js';
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
import { filterShape, withLiterals } from './filter-shape.js';
import { instantiate, learnTemplate, probeArguments, type QueryTemplate } from './query-template.js';
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
  const { db } = context;
  const descending = query.sortOrder === 'descending';
  const fingerprint = (): string =>
    fingerprintQuery([query.filter ?? null, query.sortBy ?? null, descending]);
  const after = query.after === undefined ? undefined : decodePosition(query.after, fingerprint());
  const count = Math.max(0, query.count);
  const offset = after === undefined ? Math.max(0, (query.startIndex ?? 1) - 1) : 0;
  const statements = pageStatements(context, target, query, { count, offset, after, descending });

  let rows: (ScimResourceRow & { sort_key?: SortValue })[] = [];
  const page = statements.page();
  if (page !== undefined) {
    rows = (await db.executeQuery<ScimResourceRow & { sort_key?: SortValue }>(page)).rows;
  }
  const more = rows.length > count;
  // A page that reaches the end from a known offset already tells the total (the common
  // `userName eq` lookup): the COUNT runs only when matches lie beyond the page or before it.
  const totalKnown = count > 0 && after === undefined && !more && (rows.length > 0 || offset === 0);
  let total: number | undefined;
  if (query.withTotal !== false) {
    total = totalKnown
      ? offset + rows.length
      : Number((await db.executeQuery<{ total: number | string }>(statements.count())).rows[0]?.total ?? 0);
  }
  if (more) rows.length = count;
  const last = rows[rows.length - 1];
  const nextPosition =
    more && last !== undefined
      ? encodePosition(fingerprint(), { sortValue: normalizeSortValue(last.sort_key), id: last.id })
      : undefined;
  for (const row of rows) delete row.sort_key;
  return { rows, totalResults: total ?? offset + rows.length, nextPosition };
}

interface Paging {
  readonly count: number;
  readonly offset: number;
  readonly after: Position | undefined;
  readonly descending: boolean;
}

/** The page query (undefined when `count` is 0) and the COUNT query, compiled lazily. */
interface PageStatements {
  page(): CompiledQuery | undefined;
  count(): CompiledQuery;
}

/** Shapes whose SQL was learnt, per schema (the schema decides the SQL a filter compiles to). */
const templates = new WeakMap<ResourceSchema, Map<string, LearntShape>>();
const MAX_SHAPES = 256;

interface LearntShape {
  readonly page: QueryTemplate | undefined;
  readonly count: QueryTemplate | undefined;
}

/**
 * Building and compiling a filtered query costs more than running an indexed one, so the SQL of
 * each query shape (filter with its string literals taken out, sort, paging) is learnt once and
 * reused with new literals and tenant (see learnTemplate). Keyset pages are built per call.
 */
function pageStatements(
  context: StoreContext,
  target: Target,
  query: ResourceQuery,
  paging: Paging,
): PageStatements {
  const built = (tenantId: string, filter: Filter | undefined) =>
    buildStatements(context, target, query, paging, tenantId, filter);
  if (paging.after !== undefined) return built(target.tenantId, query.filter);
  const shape = query.filter === undefined ? { key: '', literals: [] } : filterShape(query.filter);
  const key = JSON.stringify([
    context.dialect.capabilities.engine,
    target.resourceType,
    query.sortBy ?? null,
    paging.descending,
    paging.count,
    paging.offset,
    shape.key,
  ]);
  let shapes = templates.get(query.schema);
  if (shapes === undefined) templates.set(query.schema, (shapes = new Map<string, LearntShape>()));
  const args = [target.tenantId, ...shape.literals];
  let learnt = shapes.get(key);
  if (learnt === undefined) {
    const real = built(target.tenantId, query.filter);
    const [tenantProbe = '', ...literalProbes] = probeArguments(args.length);
    const probed = built(
      tenantProbe,
      query.filter === undefined ? undefined : withLiterals(query.filter, literalProbes),
    );
    const realPage = real.page();
    const probedPage = probed.page();
    learnt = {
      page:
        realPage === undefined || probedPage === undefined
          ? undefined
          : learnTemplate(realPage, probedPage, args),
      count: learnTemplate(real.count(), probed.count(), args),
    };
    if (shapes.size >= MAX_SHAPES) shapes.delete(shapes.keys().next().value ?? '');
    shapes.set(key, learnt);
    return real;
  }
  const { page, count } = learnt;
  if (page === undefined || count === undefined || paging.count > 0 !== (page !== undefined)) {
    return built(target.tenantId, query.filter);
  }
  return { page: () => instantiate(page, args), count: () => instantiate(count, args) };
}

function buildStatements(
  context: StoreContext,
  target: Target,
  query: ResourceQuery,
  paging: Paging,
  tenantId: string,
  filter: Filter | undefined,
): PageStatements {
  const { db, dialect } = context;
  const compiler = dialect.createFilterCompiler({ tenantId, schema: query.schema, plan: target.plan });
  const where = filter === undefined ? undefined : compiler.compile(filter);
  const sort = query.sortBy === undefined ? undefined : compiler.sortKey(query.sortBy);
  let base = db
    .selectFrom('scim_resources as r')
    .where('r.tenant_id', '=', tenantId)
    .where('r.resource_type', '=', target.resourceType);
  if (where !== undefined) base = base.where(where);
  return {
    page: () => {
      if (paging.count === 0) return undefined;
      let page = base.selectAll('r');
      if (sort !== undefined) page = page.select(sort.expr.as('sort_key'));
      if (paging.after !== undefined) page = page.where(afterPosition(sort, paging.descending, paging.after));
      page = orderBy(page, sort, paging.descending);
      return page
        .limit(paging.count + 1)
        .offset(paging.offset)
        .compile();
    },
    count: () => base.select(sql<number | string>`count(*)`.as('total')).compile(),
  };
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
