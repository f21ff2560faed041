import type { DirectoryStore } from '../store/index.js';

const BATCH = 500;

/**
 * Permanently deletes users and groups that went to the recycle bin before `cutoff`, one purge
 * (and its change entries) per object so a long purge never holds the change log for long.
 * Returns how many were purged.
 */
export async function purgeDeletedBefore(
  dir: DirectoryStore,
  cutoff: string,
  now: () => string,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const ids = await dir.usersDeletedBefore(cutoff, BATCH);
    for (const id of ids) if (await dir.purgeUser(id, now())) purged++;
    if (ids.length < BATCH) break;
  }
  // Deleted groups are few; walking the recycle bin is cheaper than another index.
  let after: string | undefined;
  do {
    const page = await dir.listGroups({
      limit: BATCH,
      deleted: true,
      ...(after === undefined ? {} : { after }),
    });
    for (const group of page.items) {
      const deleted = group.deletedDateTime;
      if (deleted !== undefined && deleted < cutoff && (await dir.purgeGroup(group.id, now()))) purged++;
    }
    after = page.next;
  } while (after !== undefined);
  return purged;
}
