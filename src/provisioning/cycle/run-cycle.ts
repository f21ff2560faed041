import { randomUUID } from 'node:crypto';
import type { ResourceSchema } from '../../scim/index.js';
import {
  ResyncRequired,
  type ApplicationRecord,
  type ChangeEntry,
  type Page,
  type PageRequest,
  type ProvisioningJobRecord,
  type ProvisioningStore,
} from '../../store/index.js';
import type { JobConfig } from '../job/index.js';
import { CONNECTOR_PROFILES, compileObjectMapping, type ObjectMapping } from '../mapping/index.js';
import type { ScimClient } from '../scim-client/index.js';
import type { ProvisioningSource } from '../source/index.js';
import {
  CycleContext,
  forEachConcurrent,
  pages,
  type CycleClock,
  type ObjectKindContext,
} from './cycle-context.js';
import type { CycleEvent, CycleSummary } from './cycle-events.js';
import { syncAllMembers, syncMemberPairs } from './sync-members.js';
import { groupItems, itemsByIds, userItems, type SourceItem } from './source-items.js';
import { syncObjects } from './sync-objects.js';

export interface CycleDependencies {
  readonly store: ProvisioningStore;
  readonly source: ProvisioningSource;
  readonly client: ScimClient;
  readonly clock?: CycleClock;
  readonly onEvent?: (event: CycleEvent) => void;
}

export interface CycleInput {
  readonly job: ProvisioningJobRecord;
  readonly config: JobConfig;
  readonly app: ApplicationRecord;
  /** The target's User and Group schemas (discovered, with its extensions). */
  readonly schemas: { readonly users: ResourceSchema; readonly groups: ResourceSchema };
  /** Ignore the watermark and re-evaluate everything. */
  readonly full?: boolean;
}

const CHANGE_BATCH = 2000;

const systemClock: CycleClock = {
  now: () => new Date(),
  random: () => Math.random(),
  newGuid: () => randomUUID(),
};

function kindContext(
  type: 'user' | 'group',
  mapping: ObjectMapping,
  schema: ResourceSchema,
): ObjectKindContext {
  const resourceType = type === 'user' ? 'User' : 'Group';
  return {
    type,
    endpoint: type === 'user' ? 'Users' : 'Groups',
    mapping: compileObjectMapping(mapping, resourceType, schema),
    schema,
    alwaysPaths: mapping.attributes
      .filter(
        (a) =>
          a.type !== 'none' &&
          (a.apply ?? 'always') === 'always' &&
          !(type === 'group' && a.target === 'members'),
      )
      .map((a) => a.target),
    enabled: mapping.enabled,
    actions: mapping.actions,
  };
}

/**
 * One provisioning cycle: initial (everything, page by page) when the job has no watermark or
 * `full` is asked, incremental (the change feed since the watermark) otherwise. Users first,
 * then groups, then memberships, then references; the watermark is stored only at the end, so
 * an interrupted cycle is redone from the same point (the shadow makes that cheap and safe).
 */
export async function runCycle(deps: CycleDependencies, input: CycleInput): Promise<CycleSummary> {
  const started = Date.now();
  const clock = deps.clock ?? systemClock;
  const cycleId = clock.newGuid();
  const users = kindContext('user', input.config.mappings.users, input.schemas.users);
  const groups = kindContext('group', input.config.mappings.groups, input.schemas.groups);
  const ctx = new CycleContext(
    cycleId,
    input.app,
    input.config,
    CONNECTOR_PROFILES[input.config.profile].rules,
    deps.store,
    deps.source,
    deps.client,
    users,
    groups,
    clock,
    deps.onEvent ?? (() => undefined),
  );
  const requestsBefore = deps.client.requestCount;
  let kind: CycleSummary['kind'] =
    input.full === true || input.job.watermark === undefined ? 'initial' : 'incremental';
  const startedAt = clock.now().toISOString();
  await deps.store.putCycle({
    id: cycleId,
    applicationId: input.app.id,
    kind,
    startedAt,
    finishedAt: undefined,
    summary: {},
  });
  let watermark: number;
  try {
    if (kind === 'incremental') {
      try {
        watermark = await incremental(ctx, input.job.watermark!);
      } catch (error) {
        if (!(error instanceof ResyncRequired)) throw error;
        // The change log was compacted past our watermark: only a full pass is exact now.
        kind = 'initial';
        watermark = await initial(ctx);
      }
    } else {
      watermark = await initial(ctx);
    }
    await ctx.shadow.flush();
  } catch (error) {
    // What was done is kept (the shadow); the watermark is not moved, so the next cycle redoes the rest.
    await ctx.shadow.flush().catch(() => undefined);
    await deps.store.putCycle({
      id: cycleId,
      applicationId: input.app.id,
      kind,
      startedAt,
      finishedAt: clock.now().toISOString(),
      summary: { ...ctx.counters, error: error instanceof Error ? error.message : String(error) },
    });
    throw error;
  }
  await deps.store.setWatermark(input.app.id, watermark, clock.now().toISOString());
  const summary: CycleSummary = {
    cycleId,
    kind,
    ...ctx.counters,
    requests: deps.client.requestCount - requestsBefore,
    durationMs: Date.now() - started,
    watermark,
  };
  await deps.store.putCycle({
    id: cycleId,
    applicationId: input.app.id,
    kind,
    startedAt,
    finishedAt: clock.now().toISOString(),
    summary: { ...summary },
  });
  return summary;
}

async function initial(ctx: CycleContext): Promise<number> {
  // Changes made while this pass runs are newer than this and are picked up by the next cycle.
  const watermark = await ctx.source.currentWatermark();
  if (ctx.users.enabled) {
    const total = await ctx.source.countUsers();
    const seen = await pass(
      ctx,
      'user',
      (r) => ctx.source.listUsers(r),
      (page) => userItems(ctx, page),
      total,
    );
    await sweepUnseen(ctx, 'user', seen);
  }
  if (ctx.groups.enabled) {
    const seenGroups = await pass(
      ctx,
      'group',
      (r) => ctx.source.listGroups(r),
      (page) => groupItems(ctx, page),
    );
    await sweepUnseen(ctx, 'group', seenGroups);
    if (ctx.groups.mapping.syncMembers) {
      // Every group is read in full once; the per-change bookkeeping of this pass is redundant.
      const all = [...seenGroups];
      let synced = 0;
      // Groups in parallel (each group's batches in order): a group's PATCHes touch only that group.
      await forEachConcurrent(all, ctx.config.options.concurrency, async (id) => {
        await syncAllMembers(ctx, id);
        synced++;
        ctx.emit({
          type: 'progress',
          cycleId: ctx.cycleId,
          phase: 'memberships',
          done: synced,
          total: all.length,
        });
      });
      for (const id of all) ctx.fullMemberSync.delete(id);
      ctx.newlyLinkedUsers.clear();
      ctx.reenabledUsers.clear();
      ctx.memberPairs.clear();
    }
  }
  await finish(ctx);
  return watermark;
}

/** One pass over every source object of a type, page by page; returns the ids it saw. */
async function pass<T extends { readonly id: string }>(
  ctx: CycleContext,
  type: 'user' | 'group',
  list: (request: PageRequest) => Promise<Page<T>>,
  toItems: (page: readonly T[]) => Promise<SourceItem[]>,
  total?: number,
): Promise<Set<string>> {
  const seen = new Set<string>();
  const phase = type === 'user' ? 'users' : 'groups';
  let done = 0;
  // Two pages in flight: while one page's last requests finish, the next is read, planned and
  // matched, so the target never idles at page boundaries (the client still bounds requests).
  let previous: Promise<void> | undefined;
  for await (const page of pages(list, ctx.config.options.pageSize)) {
    for (const object of page) seen.add(object.id);
    const items = await toItems(page);
    const work = syncObjects(ctx, type, items).then(() => {
      done += page.length;
      ctx.emit({ type: 'progress', cycleId: ctx.cycleId, phase, done, total });
    });
    // Handled here, thrown where it is awaited below: a failure must not go unhandled meanwhile.
    work.catch(() => undefined);
    if (previous !== undefined) await previous;
    await ctx.shadow.flush();
    previous = work;
  }
  if (previous !== undefined) await previous;
  await ctx.shadow.flush();
  return seen;
}

/** Shadow objects the source pass did not see: soft-deleted (disable) or gone for good (delete). */
async function sweepUnseen(
  ctx: CycleContext,
  type: 'user' | 'group',
  seen: ReadonlySet<string>,
): Promise<void> {
  await ctx.shadow.flush();
  const unseen: string[] = [];
  for await (const page of pages((r) => ctx.store.listObjectIds(ctx.applicationId, type, r), 5000)) {
    for (const sourceId of page) if (!seen.has(sourceId)) unseen.push(sourceId);
  }
  for (let i = 0; i < unseen.length; i += ctx.config.options.pageSize) {
    const ids = unseen.slice(i, i + ctx.config.options.pageSize);
    await syncObjects(ctx, type, await itemsByIds(ctx, type, ids));
  }
  ctx.emit({
    type: 'progress',
    cycleId: ctx.cycleId,
    phase: 'cleanup',
    done: unseen.length,
    total: unseen.length,
  });
}

/** References (manager) that could not be resolved on first write, and group deletions that waited for members. */
async function finish(ctx: CycleContext): Promise<void> {
  await ctx.shadow.flush();
  if (ctx.groups.enabled && ctx.groups.mapping.syncMembers) {
    const pairsFromUsers = [...new Set([...ctx.newlyLinkedUsers, ...ctx.reenabledUsers])];
    if (pairsFromUsers.length > 0) {
      const groupsOf = await ctx.source.groupsOf(pairsFromUsers);
      for (const [userId, groupIds] of groupsOf)
        for (const groupId of groupIds) ctx.addMemberPair(groupId, userId);
    }
    const full = [...ctx.fullMemberSync];
    ctx.fullMemberSync.clear();
    for (const groupId of full) ctx.memberPairs.delete(groupId);
    const concurrency = ctx.config.options.concurrency;
    await forEachConcurrent(full, concurrency, (groupId) => syncAllMembers(ctx, groupId));
    await forEachConcurrent([...ctx.memberPairs], concurrency, ([groupId, members]) =>
      syncMemberPairs(ctx, groupId, members),
    );
    ctx.memberPairs.clear();
  }
  for (const work of ctx.afterMembers.splice(0)) await work();
  if (ctx.failedGroups.size > 0) {
    await ctx.shadow.flush();
    for (const groupId of ctx.failedGroups) {
      await ctx.store.setObjectStatus(
        ctx.applicationId,
        'group',
        groupId,
        'failed',
        { code: 'MembershipFailed', message: 'a membership change failed; retried next cycle' },
        ctx.clock.now().toISOString(),
      );
    }
    ctx.failedGroups.clear();
  }
  if (ctx.newlyLinkedUsers.size > 0 && ctx.users.enabled) {
    // Users created now may be the managers of users written earlier without one.
    for (const id of await ctx.source.directReports([...ctx.newlyLinkedUsers])) ctx.pendingReferences.add(id);
  }
  const pending = [...ctx.pendingReferences];
  ctx.pendingReferences.clear();
  if (pending.length > 0 && ctx.users.enabled) {
    ctx.emit({ type: 'progress', cycleId: ctx.cycleId, phase: 'references', done: 0, total: pending.length });
    // Second pass: managers written in this cycle now resolve; still-unresolved ones stay pending.
    await syncObjects(ctx, 'user', await itemsByIds(ctx, 'user', pending));
    ctx.pendingReferences.clear();
  }
  ctx.newlyLinkedUsers.clear();
  ctx.reenabledUsers.clear();
  await ctx.shadow.flush();
}

/** At most this many failed objects of each type are retried per cycle (oldest first). */
const RETRY_LIMIT = 5000;

async function incremental(ctx: CycleContext, from: number): Promise<number> {
  let watermark = from;
  let more = true;
  const retry = {
    users: ctx.users.enabled
      ? await ctx.store.listObjectIdsWithStatus(ctx.applicationId, 'user', 'failed', RETRY_LIMIT)
      : [],
    groups: ctx.groups.enabled
      ? await ctx.store.listObjectIdsWithStatus(ctx.applicationId, 'group', 'failed', RETRY_LIMIT)
      : [],
  };
  let first = true;
  while (more) {
    const batch = await ctx.source.changesSince(watermark, CHANGE_BATCH);
    if (batch.changes.length > 0 || (first && retry.users.length + retry.groups.length > 0)) {
      await applyChanges(ctx, batch.changes, first ? retry : { users: [], groups: [] });
    }
    first = false;
    watermark = batch.watermark;
    more = batch.more;
  }
  return watermark;
}

/** Turns change entries into the objects and (group, member) pairs to re-evaluate, then syncs them. */
async function applyChanges(
  ctx: CycleContext,
  changes: readonly ChangeEntry[],
  retry: { readonly users: readonly string[]; readonly groups: readonly string[] },
): Promise<void> {
  const userIds = new Set<string>(retry.users);
  const groupIds = new Set<string>(retry.groups);
  const assignedGroupsChanged = new Set<string>();
  for (const change of changes) {
    if (change.objectType === 'user') {
      userIds.add(change.objectId);
    } else if (change.objectType === 'group') {
      if (change.kind === 'memberAdded' || change.kind === 'memberRemoved') {
        if (change.relatedType === 'user' && change.relatedId !== undefined) {
          ctx.addMemberPair(change.objectId, change.relatedId);
          // Membership of an assigned group can be what entitles the user.
          if (ctx.config.scope === 'assigned') userIds.add(change.relatedId);
        }
      } else {
        groupIds.add(change.objectId);
      }
    } else if (change.objectId === ctx.applicationId && change.relatedId !== undefined) {
      if (change.relatedType === 'group') {
        groupIds.add(change.relatedId);
        assignedGroupsChanged.add(change.relatedId);
      } else {
        userIds.add(change.relatedId);
      }
    }
  }
  for (const groupId of assignedGroupsChanged) {
    for await (const page of pages((r) => ctx.source.listMembers(groupId, r), 1000)) {
      for (const member of page) if (member.type === 'user') userIds.add(member.id);
    }
  }
  const pageSize = ctx.config.options.pageSize;
  const users = [...userIds];
  for (let i = 0; i < users.length; i += pageSize) {
    await syncObjects(ctx, 'user', await itemsByIds(ctx, 'user', users.slice(i, i + pageSize)));
  }
  const groups = [...groupIds];
  for (let i = 0; i < groups.length; i += pageSize) {
    await syncObjects(ctx, 'group', await itemsByIds(ctx, 'group', groups.slice(i, i + pageSize)));
  }
  await finish(ctx);
}
