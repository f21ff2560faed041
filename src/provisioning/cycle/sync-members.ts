import type { ProvisionedObjectRecord } from '../../store/index.js';
import { batches, planMembers } from '../planner/index.js';
import { ScimClientError } from '../scim-client/index.js';
import { pages, type CycleContext } from './cycle-context.js';
import { CycleAbortedError } from './cycle-errors.js';

const MEMBER_PAGE = 1000;

/** Users that may be members in the target: linked and not failed (disabled users stay members). */
async function memberLinks(ctx: CycleContext, userIds: readonly string[]): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  const unknown: string[] = [];
  for (const id of userIds) {
    const target = ctx.links.get(id);
    if (target === undefined) unknown.push(id);
    else links.set(id, target);
  }
  if (unknown.length > 0) {
    const records = await ctx.store.getObjects(ctx.applicationId, 'user', unknown);
    for (const [id, record] of records) if (usable(record)) links.set(id, record.targetId!);
  }
  return links;
}

function usable(record: ProvisionedObjectRecord): boolean {
  return record.targetId !== undefined && (record.status === 'active' || record.status === 'disabled');
}

/** The group's target id when it is linked and enabled in the target. */
async function groupTarget(ctx: CycleContext, groupId: string): Promise<string | undefined> {
  const inCycle = ctx.links.get(groupId);
  if (inCycle !== undefined) return inCycle;
  const record = (await ctx.store.getObjects(ctx.applicationId, 'group', [groupId])).get(groupId);
  return record !== undefined && record.status === 'active' ? record.targetId : undefined;
}

/** Makes the target group hold exactly the source group's provisioned user members (reads the whole group). */
export async function syncAllMembers(ctx: CycleContext, groupId: string): Promise<void> {
  const target = await groupTarget(ctx, groupId);
  if (target === undefined) return;
  const links = new Map<string, string>();
  for await (const page of pages((r) => ctx.source.listMembers(groupId, r), MEMBER_PAGE)) {
    const users = page.filter((m) => m.type === 'user').map((m) => m.id);
    for (const [id, targetId] of await memberLinks(ctx, users)) links.set(id, targetId);
  }
  const known = await ctx.store.getMemberships(ctx.applicationId, groupId);
  await apply(ctx, groupId, target, planMembers(new Set(links.keys()), known), links);
}

/** Checks only the given (group, member) pairs against the source: O(changes), not O(group size). */
export async function syncMemberPairs(
  ctx: CycleContext,
  groupId: string,
  memberIds: ReadonlySet<string>,
): Promise<void> {
  const target = await groupTarget(ctx, groupId);
  if (target === undefined) return;
  const ids = [...memberIds];
  const groupsOf = await ctx.source.groupsOf(ids);
  const links = await memberLinks(ctx, ids);
  const desired = new Set(ids.filter((id) => links.has(id) && (groupsOf.get(id) ?? []).includes(groupId)));
  const known = await ctx.store.getMemberships(ctx.applicationId, groupId, ids);
  await apply(ctx, groupId, target, planMembers(desired, known), links);
}

/** `links`: the target id of every member to add (desired members are linked ones). */
async function apply(
  ctx: CycleContext,
  groupId: string,
  target: string,
  plan: { add: string[]; remove: string[] },
  links: ReadonlyMap<string, string>,
): Promise<void> {
  const size = ctx.config.options.membershipBatchSize;
  if (plan.add.length > 0) {
    for (const batch of batches(plan.add, size)) {
      const value = batch.map((id) => ({ value: links.get(id)! }));
      if (!(await send(ctx, groupId, target, [{ op: 'add', path: 'members', value }], batch.length))) return;
      await ctx.store.addMemberships(ctx.applicationId, groupId, batch);
      ctx.counters.membersAdded += batch.length;
    }
  }
  if (plan.remove.length > 0) {
    // A member whose link is gone was deleted in the target, which dropped the membership with it.
    const records = await ctx.store.getObjects(ctx.applicationId, 'user', plan.remove);
    const withTarget = plan.remove.filter((id) => records.get(id)?.targetId !== undefined);
    const gone = plan.remove.filter((id) => records.get(id)?.targetId === undefined);
    if (gone.length > 0) await ctx.store.removeMemberships(ctx.applicationId, groupId, gone);
    for (const batch of batches(withTarget, size)) {
      const value = batch.map((id) => ({ value: records.get(id)!.targetId! }));
      if (!(await send(ctx, groupId, target, [{ op: 'remove', path: 'members', value }], batch.length)))
        return;
      await ctx.store.removeMemberships(ctx.applicationId, groupId, batch);
      ctx.counters.membersRemoved += batch.length;
    }
  }
}

/** One PATCH; a failure is reported against the group and stops this group's membership work. */
async function send(
  ctx: CycleContext,
  groupId: string,
  target: string,
  operations: { op: 'add' | 'remove'; path: string; value: unknown }[],
  count: number,
): Promise<boolean> {
  try {
    await ctx.client.patch('Groups', target, operations);
    return true;
  } catch (error) {
    if (!(error instanceof ScimClientError)) throw error;
    if (error.code === 'Unauthorized' || error.code === 'Forbidden') {
      throw new CycleAbortedError(`the target refused the cycle's credentials: ${error.message}`, {
        cause: error,
      });
    }
    ctx.failedGroups.add(groupId);
    ctx.report('group', { sourceId: groupId, displayName: groupId, targetId: target }, 'Update', 'Failure', {
      code: error.code,
      message: `membership ${operations[0]!.op} of ${count} members failed: ${error.message}`,
    });
    return false;
  }
}
