import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, ScimMultiValuesTable, ScimResourceRow } from '../database.js';
import { resourceInsertArgs } from '../base/resource-queries.js';
import type { AtomicMemberUpdate, AtomicMemberUpdateResult } from '../base/store-dialect.js';
import { nameStatement } from './postgres-statements.js';

/**
 * Writes of the SCIM hot paths as single statements: each round trip costs both processes a
 * wake-up and a socket write, more than these statements themselves.
 */

/**
 * A resource row and its multi-values (emails and the like) in one statement; the row's
 * arguments as resourceInsertArgs orders them, then the multi-values' columns as arrays.
 */
const INSERT_RESOURCE = `
with resource as (
  insert into scim_resources (tenant_id, resource_type, id, unique_value, unique_lower, external_id,
    display_name, active, created, last_modified, version, data)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
)
insert into scim_multi_values (tenant_id, resource_id, attribute, type_lower, value, value_lower)
select $1, $3, * from unnest($13::text[], $14::text[], $15::text[], $16::text[])`;

nameStatement(INSERT_RESOURCE);

export async function insertResourceAtomically(
  db: Kysely<Database>,
  row: ScimResourceRow,
  multiValues: readonly ScimMultiValuesTable[],
): Promise<void> {
  await db.executeQuery(
    CompiledQuery.raw(INSERT_RESOURCE, [
      ...resourceInsertArgs(row),
      multiValues.map((value) => value.attribute),
      multiValues.map((value) => value.type_lower),
      multiValues.map((value) => value.value),
      multiValues.map((value) => value.value_lower),
    ]),
  );
}

/**
 * Adds and removes members of one group and bumps its version in one statement: the group row
 * is locked, the member rows changed and the row updated without a round trip in between. Adds
 * to one group serialise on that row lock; held across four round trips (lock, insert, update,
 * commit) it capped member adds at a few hundred a second with p99 near 100 ms under 16
 * concurrent clients. Changes apply only when the group exists and, given `expectedVersion`, is
 * at that version; the row comes back either way, `written` telling whether it was updated.
 */
const UPDATE_MEMBERS = `
with g as (
  select * from scim_resources
  where tenant_id = $1 and id = $2 and resource_type = $3
  for update
), allowed as (
  select 1 from g where $4::integer is null or g.version = $4::integer
), removed as (
  delete from scim_group_members m
  where m.tenant_id = $1 and m.group_id = $2 and m.member_id = any($5::text[])
    and exists (select 1 from allowed)
  returning 1
), added as (
  insert into scim_group_members (tenant_id, group_id, member_id, member_type, display)
  select $1, $2, a.member_id, a.member_type, a.display
  from unnest($6::text[], $7::text[], $8::text[]) as a(member_id, member_type, display)
  where exists (select 1 from allowed)
  on conflict do nothing
  returning 1
), updated as (
  update scim_resources r set version = r.version + 1, last_modified = $9
  where r.tenant_id = $1 and r.id = $2 and r.resource_type = $3
    and (select count(*) from removed) + (select count(*) from added) > 0
  returning r.*
)
select u.*, true as written from updated u
union all
select g.*, false as written from g where not exists (select 1 from updated)`;

nameStatement(UPDATE_MEMBERS);

/**
 * Member updates of one group in this process run one at a time: the others wait here, not in
 * PostgreSQL, where every waiter queued on the row lock costs CPU (lock queue, wake-up, re-check
 * of the row its holder updated). With 16 clients adding to one group that cut the database's
 * CPU per add by a fifth and p99 from about 40 to 20-30 ms. Only the statement is serialised, not
 * its transaction: the next one may still wait in PostgreSQL for the previous commit, one waiter
 * instead of a pool's.
 *
 * The queue must never close a cycle PostgreSQL cannot see: a transaction that already holds the
 * group's row lock (it updated the group's members before) skips it, and no update waits here
 * longer than {@link MAX_QUEUE_WAIT_MS} (then PostgreSQL's own lock queue and deadlock detection
 * take over, as without this queue).
 */
const running = new Map<string, Promise<unknown>>();
/** Per transaction: the groups whose member updates it ran, whose row lock it therefore holds. */
const lockedBy = new WeakMap<Kysely<Database>, Set<string>>();
const MAX_QUEUE_WAIT_MS = 1_000;
const ignore = (): void => undefined;

function bounded(previous: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(resolve, MAX_QUEUE_WAIT_MS);
  });
  return Promise.race([previous, timeout]).finally(() => clearTimeout(timer));
}

async function oneAtATime<T>(db: Kysely<Database>, key: string, work: () => Promise<T>): Promise<T> {
  const previous = running.get(key);
  let locked = db.isTransaction ? lockedBy.get(db) : undefined;
  const mine = (
    previous === undefined || locked?.has(key) === true ? Promise.resolve() : bounded(previous)
  ).then(() => {
    if (db.isTransaction) {
      if (locked === undefined) lockedBy.set(db, (locked = new Set()));
      locked.add(key);
    }
    return work();
  });
  const done = mine.then(ignore, ignore);
  running.set(key, done);
  try {
    return await mine;
  } finally {
    if (running.get(key) === done) running.delete(key);
  }
}

export const updateMembersAtomically: AtomicMemberUpdate = (db, update) =>
  oneAtATime(db, `${update.tenantId}\u0000${update.groupId}`, () => updateMembers(db, update));

async function updateMembers(
  db: Kysely<Database>,
  update: Parameters<AtomicMemberUpdate>[1],
): Promise<AtomicMemberUpdateResult | undefined> {
  const { rows } = await db.executeQuery<ScimResourceRow & { written: boolean }>(
    CompiledQuery.raw(UPDATE_MEMBERS, [
      update.tenantId,
      update.groupId,
      update.resourceType,
      update.expectedVersion ?? null,
      update.remove,
      update.add.map((member) => member.value),
      update.add.map((member) => member.type),
      update.add.map((member) => member.display ?? null),
      update.lastModified,
    ]),
  );
  const first = rows[0];
  if (first === undefined) return undefined;
  const { written, ...row } = first;
  return { row, written };
}
