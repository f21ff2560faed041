import type { ProvisionedObjectRecord, ProvisionedObjectType } from '../../store/index.js';
import { ExpressionEvaluationError, type ExpressionValue } from '../expressions/index.js';
import type { MappedObject } from '../mapping/index.js';
import {
  planObject,
  type DesiredObject,
  type EntitlementReason,
  type MatchOutcome,
  type PlanOptions,
  type PlannedAction,
} from '../planner/index.js';
import { entitlementOf } from '../source/index.js';
import { forEachConcurrent, type CycleContext, type ObjectKindContext } from './cycle-context.js';
import { matchInTarget } from './matcher.js';
import { CycleAbortedError, guard } from './cycle-errors.js';
import { afterMatch, execute, fail, skipMessage } from './object-actions.js';
import type { SourceItem } from './source-items.js';

export interface Prepared {
  readonly item: SourceItem;
  readonly known: ProvisionedObjectRecord | undefined;
  readonly desired: DesiredObject;
  readonly mapped: MappedObject | undefined;
  readonly full: Record<string, ExpressionValue>;
  readonly action: PlannedAction;
}

/** Plans and carries out one batch of source objects of one type. */
export async function syncObjects(
  ctx: CycleContext,
  type: ProvisionedObjectType,
  items: readonly SourceItem[],
): Promise<void> {
  const kind = ctx.kind(type);
  if (!kind.enabled || items.length === 0) return;
  const known = await ctx.store.getObjects(
    ctx.applicationId,
    type,
    items.map((i) => i.sourceId),
  );
  for (const item of items) {
    const pending = ctx.shadow.pending(type, item.sourceId);
    if (pending !== undefined) known.set(item.sourceId, { ...pending, updatedAt: '' });
  }
  if (type === 'user') await preloadReferences(ctx, items);
  const options = planOptions(ctx, kind);
  const prepared: Prepared[] = [];
  for (const [index, item] of items.entries()) {
    await breathe(index);
    try {
      prepared.push(prepare(ctx, kind, item, known.get(item.sourceId), options));
    } catch (error) {
      if (!(error instanceof ExpressionEvaluationError)) throw error;
      // One object's bad data must not stop the cycle: report it and go on.
      ctx.report(
        type,
        {
          sourceId: item.sourceId,
          displayName: item.displayName,
          targetId: known.get(item.sourceId)?.targetId,
        },
        'Other',
        'Failure',
        {
          code: 'ExpressionEvaluationFailed',
          message: error.message,
        },
      );
    }
  }
  const toMatch = prepared.filter((p) => p.action.kind === 'match');
  const createValues = new Map<string, MappedObject>();
  for (const [index, p] of toMatch.entries()) {
    if (!kind.mapping.createDiffers && p.mapped !== undefined) {
      createValues.set(p.item.sourceId, p.mapped);
      continue;
    }
    await breathe(index);
    try {
      createValues.set(p.item.sourceId, kind.mapping.map(p.full, 'create', ctx.mapContext));
    } catch (error) {
      if (!(error instanceof ExpressionEvaluationError)) throw error;
      createValues.set(p.item.sourceId, {
        values: {},
        redactedPaths: new Set(),
        unresolvedReferences: [],
        uniqueCandidates: [],
      });
    }
  }
  let outcomes = new Map<string, MatchOutcome>();
  let matchError: Error | undefined;
  if (toMatch.length > 0) {
    try {
      outcomes = await guard(() =>
        matchInTarget(
          ctx,
          kind,
          toMatch.map((p) => ({
            sourceId: p.item.sourceId,
            values: createValues.get(p.item.sourceId)!.values,
          })),
        ),
      );
    } catch (error) {
      if (error instanceof CycleAbortedError) throw error;
      matchError = error instanceof Error ? error : new Error(String(error));
    }
  }
  await forEachConcurrent(prepared, ctx.workers, async (p) => {
    try {
      if (p.action.kind === 'match' && matchError !== undefined) throw matchError;
      if (p.action.kind === 'match') {
        await afterMatch(
          ctx,
          kind,
          p,
          outcomes.get(p.item.sourceId)!,
          createValues.get(p.item.sourceId)!,
          options,
        );
      } else {
        await execute(ctx, kind, p, options);
      }
    } catch (error) {
      fail(ctx, kind, p, error);
    }
  });
}

function planOptions(ctx: CycleContext, kind: ObjectKindContext): PlanOptions {
  return {
    actions: kind.actions,
    skipOutOfScopeDeletions: ctx.config.options.skipOutOfScopeDeletions,
    activePath: kind.type === 'user' ? 'active' : undefined,
    ...(kind.type === 'group' && ctx.rules.groupRename === 'unsupported'
      ? { immutablePaths: ['displayName'] }
      : {}),
  };
}

function prepare(
  ctx: CycleContext,
  kind: ObjectKindContext,
  item: SourceItem,
  known: ProvisionedObjectRecord | undefined,
  options: PlanOptions,
): Prepared {
  let reason: EntitlementReason | undefined = 'NotEffectivelyEntitled';
  let mapped: MappedObject | undefined;
  const full = item.object;
  let alwaysPaths = kind.alwaysPaths;
  if (item.exists) {
    const inScope = kind.mapping.inScope(full);
    reason = entitlementOf(full, { assigned: item.assigned, inScope, softDeleted: item.softDeleted });
    // Scoping has run without it, as it must; the item's object is this cycle's own copy, so the
    // computed attribute goes straight into it instead of into one more copy per object.
    full.IsSoftDeleted = reason !== undefined;
    mapped = kind.mapping.map(full, 'update', ctx.mapContext);
    if (mapped.unresolvedReferences.length > 0) {
      ctx.pendingReferences.add(item.sourceId);
      const unresolved = new Set(mapped.unresolvedReferences.map((r) => r.path));
      alwaysPaths = alwaysPaths.filter((p) => !unresolved.has(p));
    }
  }
  const desired: DesiredObject = {
    sourceId: item.sourceId,
    displayName: item.displayName,
    exists: item.exists,
    notEntitled: reason,
    values: mapped?.values ?? {},
    alwaysPaths,
  };
  const onImmutable = ctx.config.options.renameGroups === 'recreate' ? 'recreate' : 'skip';
  let action = planObject(desired, known, options, onImmutable);
  if (action.kind === 'none' && known?.targetId === undefined && item.exists && reason !== undefined) {
    action = { kind: 'skip', code: reason, message: skipMessage(reason) };
  }
  return { item, known, desired, mapped, full, action };
}

async function preloadReferences(ctx: CycleContext, items: readonly SourceItem[]): Promise<void> {
  const wanted = new Set<string>();
  for (const item of items) {
    const manager = item.object.manager;
    if (typeof manager === 'string' && !ctx.links.has(manager)) wanted.add(manager);
  }
  if (wanted.size === 0) return;
  const found = await ctx.store.getObjects(ctx.applicationId, 'user', [...wanted]);
  for (const [id, record] of found) {
    if (record.targetId !== undefined && (record.status === 'active' || record.status === 'disabled')) {
      ctx.links.set(id, record.targetId);
    }
  }
}

/**
 * Mapping a page is synchronous work; done in one go it would hold the event loop for tens of
 * milliseconds while answers from the target wait, and the target idles. Every few objects, let
 * the loop run.
 */
function breathe(index: number): Promise<void> | undefined {
  return index % 25 === 24 ? new Promise((resolve) => setImmediate(resolve)) : undefined;
}
