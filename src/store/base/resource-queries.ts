/**
 * The prepared queries of the resource hot paths: a resource by id, a user with its groups, and
 * the inserts of a resource and its multi-values. Arguments are positional (see each comment).
 */
import type { ScimGroupMembersTable, ScimMultiValuesTable, ScimResourceRow } from '../database.js';
import { PreparedQuery, preparedPerCount, slot, slotRows } from './prepared-query.js';

/** (tenantId, id, resourceType) → the scim_resources row. */
export const SELECT_RESOURCE = new PreparedQuery<ScimResourceRow>((db) =>
  db
    .selectFrom('scim_resources')
    .selectAll()
    .where('tenant_id', '=', slot(0))
    .where('id', '=', slot(1))
    .where('resource_type', '=', slot(2)),
);

export interface ResourceWithGroupRow extends ScimResourceRow {
  readonly member_group_id: string | null;
  readonly member_group_display: string | null;
}

/**
 * (tenantId, id, resourceType) → the row once per group it is a direct member of (or once with
 * null group columns): one read for a user and its derived `groups`.
 */
export const SELECT_RESOURCE_WITH_GROUPS = new PreparedQuery<ResourceWithGroupRow>((db) =>
  db
    .selectFrom('scim_resources as r')
    .leftJoin('scim_group_members as m', (join) =>
      join.onRef('m.tenant_id', '=', 'r.tenant_id').onRef('m.member_id', '=', 'r.id'),
    )
    .leftJoin('scim_resources as g', (join) =>
      join.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.group_id'),
    )
    .selectAll('r')
    .select(['m.group_id as member_group_id', 'g.display_name as member_group_display'])
    .where('r.tenant_id', '=', slot(0))
    .where('r.id', '=', slot(1))
    .where('r.resource_type', '=', slot(2)),
);

const RESOURCE_COLUMNS = [
  'tenant_id',
  'resource_type',
  'id',
  'unique_value',
  'unique_lower',
  'external_id',
  'display_name',
  'active',
  'created',
  'last_modified',
  'version',
  'data',
] as const satisfies readonly (keyof ScimResourceRow)[];

/** The arguments of {@link INSERT_RESOURCE}, in order. */
export function resourceInsertArgs(row: ScimResourceRow): unknown[] {
  return RESOURCE_COLUMNS.map((column) => row[column]);
}

/** {@link resourceInsertArgs} → inserts one scim_resources row. */
export const INSERT_RESOURCE = new PreparedQuery<never>((db) =>
  db
    .insertInto('scim_resources')
    .values(
      Object.fromEntries(
        RESOURCE_COLUMNS.map((column, i) => [column, slot(i)]),
      ) as unknown as ScimResourceRow,
    ),
);

const MULTI_VALUE_COLUMNS = [
  'tenant_id',
  'resource_id',
  'attribute',
  'type_lower',
  'value',
  'value_lower',
] as const satisfies readonly (keyof ScimMultiValuesTable)[];

/** Multi-value inserts of up to this many rows are prepared; larger ones are built per call. */
export const PREPARED_MULTI_VALUE_ROWS = 16;

/** (...the columns of each row, in MULTI_VALUE_COLUMNS order) → inserts exactly `count` multi-value rows. */
export const insertMultiValues = preparedPerCount<never>(
  (count) => (db) => db.insertInto('scim_multi_values').values(slotRows(MULTI_VALUE_COLUMNS, count)),
);

export function multiValueInsertArgs(rows: readonly ScimMultiValuesTable[]): unknown[] {
  return rows.flatMap((row) => MULTI_VALUE_COLUMNS.map((column) => row[column]));
}

/** `groupsOf` for up to this many users is prepared (a filtered page is usually one user). */
export const PREPARED_GROUPS_OF_IDS = 8;

export interface GroupOfRow {
  readonly member_id: string;
  readonly group_id: string;
  readonly display_name: string | null;
}

/** (tenantId, ...userIds) → one row per direct membership of exactly `count` users. */
export const selectGroupsOf = preparedPerCount<GroupOfRow>(
  (count) => (db) =>
    db
      .selectFrom('scim_group_members as m')
      .innerJoin('scim_resources as g', (join) =>
        join.onRef('g.tenant_id', '=', 'm.tenant_id').onRef('g.id', '=', 'm.group_id'),
      )
      .select(['m.member_id', 'm.group_id', 'g.display_name'])
      .where('m.tenant_id', '=', slot(0))
      .where(
        'm.member_id',
        'in',
        Array.from({ length: count }, (_, i) => slot(i + 1)),
      ),
);

const DERIVED_COLUMNS = [
  'unique_value',
  'unique_lower',
  'external_id',
  'display_name',
  'active',
  'data',
] as const satisfies readonly (keyof ScimResourceRow)[];

export type DerivedColumn = (typeof DERIVED_COLUMNS)[number];

const resourceUpdates = new Map<string, PreparedQuery<ScimResourceRow>>();

/**
 * (tenantId, id, resourceType, lastModified, expectedVersion, ...the `columns`' values in
 * {@link DERIVED_COLUMNS} order) → the row after version + 1, or no row when it is absent or (with
 * `checkVersion`) at another version. `columns` are the data-derived columns to rewrite (none:
 * only version and lastModified change).
 */
export function updateResource(
  columns: readonly DerivedColumn[],
  checkVersion: boolean,
): PreparedQuery<ScimResourceRow> {
  const key = `${columns.join(',')}:${checkVersion}`;
  let query = resourceUpdates.get(key);
  if (query === undefined) {
    query = new PreparedQuery<ScimResourceRow>((db) => {
      let update = db
        .updateTable('scim_resources')
        .set((eb) => ({
          ...(Object.fromEntries(columns.map((column, i) => [column, slot(5 + i)])) as Record<
            DerivedColumn,
            string
          >),
          version: eb('version', '+', 1),
          last_modified: slot(3),
        }))
        .where('tenant_id', '=', slot(0))
        .where('id', '=', slot(1))
        .where('resource_type', '=', slot(2));
      if (checkVersion) update = update.where('version', '=', slot(4) as unknown as number);
      return update.returningAll();
    });
    resourceUpdates.set(key, query);
  }
  return query;
}

/** Every data-derived column, in the order {@link updateResource} takes their values. */
export const ALL_DERIVED_COLUMNS: readonly DerivedColumn[] = DERIVED_COLUMNS;

/** (tenantId, id, resourceType) → the row's data-derived columns, to compare an update against. */
export const SELECT_DERIVED_COLUMNS = new PreparedQuery<
  Pick<ScimResourceRow, Exclude<DerivedColumn, 'data'>>
>((db) =>
  db
    .selectFrom('scim_resources')
    .select(DERIVED_COLUMNS.filter((column) => column !== 'data'))
    .where('tenant_id', '=', slot(0))
    .where('id', '=', slot(1))
    .where('resource_type', '=', slot(2)),
);

/**
 * Ids are looked up this many at a time. A longer IN list let SQLite's planner trade the
 * primary-key lookups for a walk of the tenant's rows of that type: at 100,000 users an
 * existence check of 300 ids took 60 ms instead of 0.5 ms (a 500-member PATCH, 80 ms).
 */
export const EXISTING_IDS_PER_QUERY = 100;
/** (tenantId, resourceType, ...ids) → the ids, of exactly `count`, that exist: member references checked. */
export const selectExistingIds = preparedPerCount<{ id: string }>(
  (count) => (db) =>
    db
      .selectFrom('scim_resources')
      .select('id')
      .where('tenant_id', '=', slot(0))
      .where('resource_type', '=', slot(1))
      .where(
        'id',
        'in',
        Array.from({ length: count }, (_, i) => slot(i + 2)),
      ),
);

/** Column order of a membership row in {@link insertGroupMembers}. */
export const GROUP_MEMBER_COLUMNS = [
  'tenant_id',
  'group_id',
  'member_id',
  'member_type',
  'display',
] as const satisfies readonly (keyof ScimGroupMembersTable)[];

/**
 * Membership inserts and deletes are prepared for three row counts: the one member Entra and
 * Okta add or remove per PATCH, or a chunk of up to 10 or 100, a shorter chunk padded by
 * repeating its last row or id (the insert skips rows already present and IN ignores repeats, so
 * a repeat changes nothing). A 100-member PATCH built its insert through Kysely on every call,
 * about a fifth of its CPU.
 */
export const MEMBER_ROWS_PER_STATEMENT = 100;

/** The prepared row count a chunk of `rows` memberships (at most MEMBER_ROWS_PER_STATEMENT) is padded to. */
export function preparedMemberRows(rows: number): number {
  return rows <= 1 ? 1 : rows <= 10 ? 10 : MEMBER_ROWS_PER_STATEMENT;
}

/** (...the columns of each row, in GROUP_MEMBER_COLUMNS order) → inserts `count` memberships, skipping present ones. */
export const insertGroupMembers = preparedPerCount<never>(
  (count) => (db) =>
    db
      .insertInto('scim_group_members')
      .values(slotRows(GROUP_MEMBER_COLUMNS, count))
      .onConflict((c) => c.doNothing()),
);

/** (tenantId, groupId, ...member ids, of exactly `count`) → deletes those memberships; repeated ids count once. */
export const deleteGroupMembers = preparedPerCount<never>(
  (count) => (db) =>
    db
      .deleteFrom('scim_group_members')
      .where('tenant_id', '=', slot(0))
      .where('group_id', '=', slot(1))
      .where(
        'member_id',
        'in',
        Array.from({ length: count }, (_, i) => slot(i + 2)),
      ),
);

/** (tenantId, resourceId) → deletes the resource's multi-values. */
export const DELETE_MULTI_VALUES = new PreparedQuery<never>((db) =>
  db.deleteFrom('scim_multi_values').where('tenant_id', '=', slot(0)).where('resource_id', '=', slot(1)),
);

/** (tenantId, resourceId) → the resource's multi-value rows. */
export const SELECT_MULTI_VALUES = new PreparedQuery<ScimMultiValuesTable>((db) =>
  db
    .selectFrom('scim_multi_values')
    .selectAll()
    .where('tenant_id', '=', slot(0))
    .where('resource_id', '=', slot(1)),
);

/** Whether two sets of a resource's multi-value rows hold the same values (in any order). */
export function sameMultiValues(
  a: readonly ScimMultiValuesTable[],
  b: readonly ScimMultiValuesTable[],
): boolean {
  if (a.length !== b.length) return false;
  const key = (row: ScimMultiValuesTable) => JSON.stringify([row.attribute, row.type_lower, row.value]);
  const left = a.map(key).sort();
  const right = b.map(key).sort();
  return left.every((value, i) => value === right[i]);
}
