import type { DirectoryGroupRecord, DirectoryUserRecord, ProvisionedObjectType } from '../../store/index.js';
import type { ExpressionValue } from '../expressions/index.js';
import { assignedGroups, groupSourceObject, userEntitlements, userSourceObject } from '../source/index.js';
import { displayNameOf, type CycleContext } from './cycle-context.js';

/** One source object as a phase sees it: its record (undefined once permanently deleted) and standing. */
export interface SourceItem {
  readonly sourceId: string;
  readonly exists: boolean;
  readonly displayName: string;
  /** A fresh object per item: the cycle adds the computed `IsSoftDeleted` to it. */
  readonly object: Record<string, ExpressionValue>;
  readonly assigned: boolean;
  readonly softDeleted: boolean;
}

export async function userItems(
  ctx: CycleContext,
  users: readonly DirectoryUserRecord[],
  goneIds: readonly string[] = [],
): Promise<SourceItem[]> {
  const entitlements = await userEntitlements(
    ctx.source,
    ctx.app,
    users.map((u) => u.id),
  );
  const items: SourceItem[] = users.map((user) => {
    const entitlement = entitlements.get(user.id);
    return {
      sourceId: user.id,
      exists: true,
      displayName: displayNameOf(user.attributes, 'user'),
      object: userSourceObject(user, entitlement),
      assigned: ctx.config.scope === 'all' || entitlement?.assigned === true,
      softDeleted: user.deletedDateTime !== undefined,
    };
  });
  return [...items, ...goneIds.map((id) => goneItem(id))];
}

export async function groupItems(
  ctx: CycleContext,
  groups: readonly DirectoryGroupRecord[],
  goneIds: readonly string[] = [],
): Promise<SourceItem[]> {
  const assigned =
    ctx.config.scope === 'all'
      ? undefined
      : await assignedGroups(
          ctx.source,
          ctx.app,
          groups.map((g) => g.id),
        );
  const items: SourceItem[] = groups.map((group) => ({
    sourceId: group.id,
    exists: true,
    displayName: displayNameOf(group.attributes, 'group'),
    object: groupSourceObject(group),
    assigned: assigned === undefined || assigned.has(group.id),
    softDeleted: group.deletedDateTime !== undefined,
  }));
  return [...items, ...goneIds.map((id) => goneItem(id))];
}

function goneItem(id: string): SourceItem {
  return { sourceId: id, exists: false, displayName: id, object: {}, assigned: false, softDeleted: true };
}

/** Loads the current source records of these ids (deleted ones included) as items. */
export async function itemsByIds(
  ctx: CycleContext,
  type: ProvisionedObjectType,
  ids: readonly string[],
): Promise<SourceItem[]> {
  if (ids.length === 0) return [];
  if (type === 'user') {
    const users = await ctx.source.getUsers(ids, { includeDeleted: true });
    const found = new Set(users.map((u) => u.id));
    return userItems(
      ctx,
      users,
      ids.filter((id) => !found.has(id)),
    );
  }
  const groups = await ctx.source.getGroups(ids, { includeDeleted: true });
  const found = new Set(groups.map((g) => g.id));
  return groupItems(
    ctx,
    groups,
    ids.filter((id) => !found.has(id)),
  );
}
