import type { DirectoryStore } from '../store/index.js';
import type { DirectoryDelta } from './directory-api.js';

/**
 * Changes since `watermark` with the current state of every user and group they name (as the
 * object or as the related member/principal): one batched read per kind, never one per change.
 * Purged objects are absent from the maps; soft-deleted ones carry `deletedDateTime`.
 * @throws the store's ResyncRequired below the compaction horizon.
 */
export async function readDelta(
  dir: DirectoryStore,
  watermark: number,
  limit: number,
): Promise<DirectoryDelta> {
  const batch = await dir.changesSince(watermark, limit);
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const change of batch.changes) {
    if (change.objectType === 'user') userIds.add(change.objectId);
    if (change.objectType === 'group') groupIds.add(change.objectId);
    if (change.relatedId !== undefined)
      (change.relatedType === 'group' ? groupIds : userIds).add(change.relatedId);
  }
  const [users, groups] = await Promise.all([
    userIds.size === 0 ? [] : dir.getUsers([...userIds], { includeDeleted: true }),
    groupIds.size === 0 ? [] : dir.getGroups([...groupIds], { includeDeleted: true }),
  ]);
  return {
    changes: batch.changes,
    users: new Map(users.map((u) => [u.id, u])),
    groups: new Map(groups.map((g) => [g.id, g])),
    watermark: batch.watermark,
    more: batch.more,
  };
}
