import type { Kysely } from 'kysely';
import type { Database } from '../database.js';
import type {
  ChangeBatch,
  ChangeEntry,
  ChangeKind,
  DirectoryObjectType,
  NewChange,
  PrincipalType,
} from '../directory-store.js';
import { ResyncRequired } from '../errors.js';
import type { JsonObject } from '../../scim/index.js';
import { chunk, type StoreDialect } from './store-dialect.js';

/**
 * The directory's change log. Every writing transaction first takes the counter row's lock
 * ({@link lockChangeLog}); sequences are then handed out by that same row, so on PostgreSQL the
 * writer holding sequence n commits before the next writer can even read the counter, and a
 * reader's snapshot always holds a gap-free prefix. SQLite has one writer at a time anyway.
 */
export async function lockChangeLog(db: Kysely<Database>, dialect: StoreDialect): Promise<void> {
  if (!dialect.lockRowsForUpdate) return;
  await db.selectFrom('dir_change_counter').select('value').where('id', '=', 1).forUpdate().execute();
}

/** Appends `changes` with the next sequences; the caller holds the lock (same transaction). */
export async function appendChanges(
  db: Kysely<Database>,
  dialect: StoreDialect,
  changes: readonly NewChange[],
): Promise<void> {
  if (changes.length === 0) return;
  const row = await db
    .updateTable('dir_change_counter')
    .set((eb) => ({ value: eb('value', '+', changes.length) }))
    .where('id', '=', 1)
    .returning('value')
    .executeTakeFirstOrThrow();
  let sequence = Number(row.value) - changes.length;
  for (const part of chunk(changes, 9, dialect.maxParameters)) {
    await db
      .insertInto('dir_changes')
      .values(
        part.map((change) => ({
          sequence: ++sequence,
          at: change.at,
          kind: change.kind,
          object_type: change.objectType,
          object_id: change.objectId,
          changed_attributes:
            change.changedAttributes === undefined
              ? null
              : dialect.encodeJson(change.changedAttributes as unknown as JsonObject),
          related_id: change.relatedId ?? null,
          related_type: change.relatedType ?? null,
          detail: change.detail === undefined ? null : dialect.encodeJson(change.detail),
        })),
      )
      .execute();
  }
}

export async function readChangesSince(
  db: Kysely<Database>,
  dialect: StoreDialect,
  watermark: number,
  limit: number,
): Promise<ChangeBatch> {
  const rows = await db
    .selectFrom('dir_changes')
    .selectAll()
    .where('sequence', '>', watermark)
    .orderBy('sequence')
    .limit(Math.max(0, limit) + 1)
    .execute();
  // The horizon is read after the changes: compaction deletes a prefix and raises the horizon in
  // one transaction, so a horizon still ≤ watermark now means nothing after it was missing.
  const horizon = await readHorizon(db);
  if (watermark < horizon) throw new ResyncRequired(watermark, horizon);
  const more = rows.length > limit;
  const changes = rows.slice(0, Math.max(0, limit)).map((row) => toChangeEntry(row, dialect));
  return { changes, watermark: changes.at(-1)?.sequence ?? watermark, more };
}

export async function readCounter(db: Kysely<Database>): Promise<{ value: number; horizon: number }> {
  const row = await db
    .selectFrom('dir_change_counter')
    .select(['value', 'horizon'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { value: Number(row.value), horizon: Number(row.horizon) };
}

async function readHorizon(db: Kysely<Database>): Promise<number> {
  return (await readCounter(db)).horizon;
}

/** Deletes the prefix of entries older than `before` (by sequence, so the log stays gap-free). */
export async function compactChangeLog(db: Kysely<Database>, before: string): Promise<number> {
  const newest = await db
    .selectFrom('dir_changes')
    .select((eb) => eb.fn.max('sequence').as('sequence'))
    .where('at', '<', before)
    .executeTakeFirst();
  if (newest?.sequence === null || newest?.sequence === undefined) return 0;
  const horizon = Number(newest.sequence);
  const result = await db.deleteFrom('dir_changes').where('sequence', '<=', horizon).executeTakeFirst();
  await db
    .updateTable('dir_change_counter')
    .set({ horizon })
    .where('id', '=', 1)
    .where('horizon', '<', horizon)
    .execute();
  return Number(result.numDeletedRows);
}

type ChangeRow = Database['dir_changes'];

function toChangeEntry(row: ChangeRow, dialect: StoreDialect): ChangeEntry {
  const changed = row.changed_attributes;
  return {
    sequence: Number(row.sequence),
    at: row.at,
    kind: row.kind as ChangeKind,
    objectType: row.object_type as DirectoryObjectType,
    objectId: row.object_id,
    ...(changed === null || changed === undefined
      ? {}
      : { changedAttributes: dialect.decodeJson(changed) as unknown as string[] }),
    ...(row.related_id === null ? {} : { relatedId: row.related_id }),
    ...(row.related_type === null ? {} : { relatedType: row.related_type as PrincipalType }),
    ...(row.detail === null || row.detail === undefined ? {} : { detail: dialect.decodeJson(row.detail) }),
  };
}
