import type { Kysely, Migration } from 'kysely';

/**
 * Replaces `dir_users_deleted` (deleted_at) with (deleted_at, id). A page of live users is
 * `deleted_at is null and id > ? order by id limit ?`; with the old index SQLite took
 * `deleted_at is null` for a selective equality — without statistics, and with them too (the
 * sampled ANALYZE that `analysis_limit` allows estimated 1,001 rows per value when all 100,000 are
 * null) — read every live user through that index and sorted them for each page: 10–19 ms a page
 * of 500 at 100,000 users, growing with the directory, and the provisioning engine reads the
 * directory page by page. With the id in the index the same plan is a range read in id order that
 * stops at the limit, whichever index the planner picks. The old index is a prefix of the new one
 * (purges by `deleted_at < ?` keep their plan). Same statements on both engines.
 */
export function directoryUsersLiveIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('dir_users_live').on('dir_users').columns(['deleted_at', 'id']).execute();
      await db.schema.dropIndex('dir_users_deleted').execute();
    },
  };
}
