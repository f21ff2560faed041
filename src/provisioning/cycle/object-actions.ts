import type { ProvisionedObjectRecord } from '../../store/index.js';
import { buildResource, type FlatValues, type JsonValue, type MappedObject } from '../mapping/index.js';
import {
  planAfterMatch,
  type EntitlementReason,
  type MatchOutcome,
  type PathOperation,
  type PlanOptions,
} from '../planner/index.js';
import { ScimClientError } from '../scim-client/index.js';
import type { CycleContext, ObjectKindContext } from './cycle-context.js';
import { filterLiteral, matchInTarget } from './matcher.js';
import { CycleAbortedError, FATAL_CODES, UniqueValueError } from './cycle-errors.js';
import type { Prepared } from './sync-objects.js';

export async function execute(
  ctx: CycleContext,
  kind: ObjectKindContext,
  p: Prepared,
  options: PlanOptions,
): Promise<void> {
  const { action, item, known } = p;
  const targetId = known?.targetId;
  const ref = { sourceId: item.sourceId, displayName: item.displayName, targetId };
  switch (action.kind) {
    case 'none':
      if (targetId !== undefined && known!.status !== 'skipped') ctx.links.set(item.sourceId, targetId);
      if (known?.status === 'failed' && targetId !== undefined) {
        // Nothing left to write for the object itself: what failed last time was its memberships.
        ctx.shadow.put(shadowRow(ctx, kind, item.sourceId, targetId, 'active', known.values as FlatValues));
        if (kind.type === 'group') ctx.fullMemberSync.add(item.sourceId);
      }
      return;
    case 'match':
      return;
    case 'skip':
      ctx.report(kind.type, ref, 'Other', 'Skipped', { code: action.code, message: action.message });
      return;
    case 'forget':
      await ctx.shadow.flush();
      await ctx.store.deleteObjects(ctx.applicationId, kind.type, [item.sourceId]);
      return;
    case 'update': {
      const patched = await patchOrVanish(ctx, kind, targetId!, action.operations);
      if (!patched) return relink(ctx, kind, p, options);
      ctx.shadow.put(shadowRow(ctx, kind, item.sourceId, targetId, 'active', action.values));
      ctx.links.set(item.sourceId, targetId!);
      if (action.reenable && kind.type === 'user') ctx.reenabledUsers.add(item.sourceId);
      ctx.report(kind.type, ref, 'Update', 'Success', {
        changes: action.operations,
        redacted: p.mapped?.redactedPaths,
      });
      return;
    }
    case 'disable': {
      const operations: PathOperation[] = [{ op: 'replace', path: 'active', value: false }];
      const patched = await patchOrVanish(ctx, kind, targetId!, operations);
      if (!patched) {
        await ctx.shadow.flush();
        await ctx.store.deleteObjects(ctx.applicationId, kind.type, [item.sourceId]);
        ctx.report(kind.type, ref, 'Disable', 'Skipped', {
          code: 'InvalidAnchor',
          message: 'the linked target object no longer exists',
        });
        return;
      }
      ctx.shadow.put(
        shadowRow(
          ctx,
          kind,
          item.sourceId,
          targetId,
          'disabled',
          { ...(known!.values as FlatValues), active: false },
          { code: action.reason, message: skipMessage(action.reason) },
        ),
      );
      ctx.report(kind.type, ref, 'Disable', 'Success', {
        code: action.reason,
        message: skipMessage(action.reason),
        changes: operations,
      });
      return;
    }
    case 'delete':
      await deleteInTarget(ctx, kind, item.sourceId, targetId!);
      ctx.report(kind.type, ref, 'Delete', 'Success');
      return;
    case 'recreate': {
      const created = await ctx.creates.create(kind.endpoint, buildResource(action.values, kind.schema));
      const newId = String(created.id);
      await ctx.shadow.flush();
      ctx.shadow.put(shadowRow(ctx, kind, item.sourceId, newId, 'active', action.values));
      await ctx.shadow.flush();
      await ctx.store.removeMembershipsOf(ctx.applicationId, [item.sourceId]);
      ctx.links.set(item.sourceId, newId);
      ctx.fullMemberSync.add(item.sourceId);
      ctx.afterMembers.push(async () => {
        try {
          await ctx.client.delete(kind.endpoint, targetId!);
        } catch (error) {
          if (!(error instanceof ScimClientError && error.code === 'NotFound')) throw error;
        }
      });
      ctx.report(kind.type, { ...ref, targetId: newId }, 'Update', 'Success', {
        message: `recreated as ${newId} (the target cannot rename groups); members moved, old group ${targetId} deleted`,
        changes: [{ op: 'replace', path: 'displayName', value: action.values.displayName ?? null }],
      });
      return;
    }
  }
}

async function patchOrVanish(
  ctx: CycleContext,
  kind: ObjectKindContext,
  targetId: string,
  operations: readonly PathOperation[],
): Promise<boolean> {
  try {
    await ctx.client.patch(kind.endpoint, targetId, operations);
    return true;
  } catch (error) {
    if (error instanceof ScimClientError && error.code === 'NotFound') return false;
    throw error;
  }
}

/** The linked object vanished from the target (Entra's InvalidAnchor): match and create again. */
async function relink(
  ctx: CycleContext,
  kind: ObjectKindContext,
  p: Prepared,
  options: PlanOptions,
): Promise<void> {
  await ctx.shadow.flush();
  await ctx.store.deleteObjects(ctx.applicationId, kind.type, [p.item.sourceId]);
  await ctx.store.removeMembershipsOf(ctx.applicationId, [p.item.sourceId]);
  const create = kind.mapping.map(p.full, 'create', ctx.mapContext);
  const outcome = (
    await matchInTarget(ctx, kind, [{ sourceId: p.item.sourceId, values: create.values }])
  ).get(p.item.sourceId)!;
  await afterMatch(ctx, kind, { ...p, known: undefined }, outcome, create, options);
}

async function deleteInTarget(
  ctx: CycleContext,
  kind: ObjectKindContext,
  sourceId: string,
  targetId: string,
): Promise<void> {
  try {
    await ctx.client.delete(kind.endpoint, targetId);
  } catch (error) {
    // Already gone is what we wanted.
    if (!(error instanceof ScimClientError && error.code === 'NotFound')) throw error;
  }
  ctx.links.delete(sourceId);
  await ctx.shadow.flush();
  await ctx.store.deleteObjects(ctx.applicationId, kind.type, [sourceId]);
  await ctx.store.removeMembershipsOf(ctx.applicationId, [sourceId]);
}

export async function afterMatch(
  ctx: CycleContext,
  kind: ObjectKindContext,
  p: Prepared,
  outcome: MatchOutcome,
  create: MappedObject,
  options: PlanOptions,
): Promise<void> {
  const decision = planAfterMatch(p.desired, outcome, options);
  const ref = {
    sourceId: p.item.sourceId,
    displayName: p.item.displayName,
    targetId: undefined as string | undefined,
  };
  switch (decision.kind) {
    case 'skip':
      ctx.report(kind.type, ref, 'Other', 'Skipped', { code: decision.code, message: decision.message });
      return;
    case 'fail':
      ctx.shadow.put(
        shadowRow(
          ctx,
          kind,
          p.item.sourceId,
          undefined,
          'failed',
          {},
          { code: decision.code, message: decision.message },
        ),
      );
      ctx.report(kind.type, ref, 'Create', 'Failure', { code: decision.code, message: decision.message });
      return;
    case 'link': {
      if (decision.operations.length > 0)
        await ctx.client.patch(kind.endpoint, decision.targetId, decision.operations);
      const current = outcome.kind === 'found' ? outcome.current : {};
      linked(ctx, kind, p, decision.targetId, { ...current, ...p.desired.values });
      ctx.report(
        kind.type,
        { ...ref, targetId: decision.targetId },
        decision.operations.length > 0 ? 'Update' : 'Other',
        'Success',
        {
          message: `matched an existing target object on ${outcome.kind === 'found' ? outcome.path : ''}`,
          changes: decision.operations,
          redacted: create.redactedPaths,
        },
      );
      return;
    }
    case 'create': {
      const values = await chooseUniqueValues(ctx, kind, create);
      let created;
      try {
        created = await ctx.creates.create(kind.endpoint, buildResource(values, kind.schema));
      } catch (error) {
        if (error instanceof ScimClientError && error.code === 'Conflict') {
          // Someone created it between our lookup and our POST (or we crashed after creating it).
          const again = (await matchInTarget(ctx, kind, [{ sourceId: p.item.sourceId, values }])).get(
            p.item.sourceId,
          )!;
          if (again.kind === 'found') return afterMatch(ctx, kind, p, again, create, options);
        }
        throw error;
      }
      const targetId = String(created.id);
      linked(ctx, kind, p, targetId, values);
      ctx.report(kind.type, { ...ref, targetId }, 'Create', 'Success', {
        changes: Object.entries(values).map(([path, value]) => ({ op: 'add' as const, path, value })),
        redacted: create.redactedPaths,
      });
      return;
    }
  }
}

function linked(
  ctx: CycleContext,
  kind: ObjectKindContext,
  p: Prepared,
  targetId: string,
  values: FlatValues,
): void {
  ctx.shadow.put(shadowRow(ctx, kind, p.item.sourceId, targetId, 'active', values));
  ctx.links.set(p.item.sourceId, targetId);
  if (kind.type === 'group') ctx.fullMemberSync.add(p.item.sourceId);
  else ctx.newlyLinkedUsers.add(p.item.sourceId);
}

/** SelectUniqueValue: the first candidate no target object has yet (one lookup per candidate, creation only). */
async function chooseUniqueValues(
  ctx: CycleContext,
  kind: ObjectKindContext,
  mapped: MappedObject,
): Promise<FlatValues> {
  if (mapped.uniqueCandidates.length === 0) return mapped.values;
  const values: Record<string, JsonValue> = { ...mapped.values };
  for (const { path, candidates } of mapped.uniqueCandidates) {
    let chosen: string | undefined;
    for (const candidate of candidates) {
      const page = await ctx.client.list(kind.endpoint, {
        filter: `${path} eq ${filterLiteral(candidate)}`,
        count: 1,
      });
      if (page.totalResults === 0) {
        chosen = candidate;
        break;
      }
    }
    if (chosen === undefined) {
      throw new UniqueValueError(
        `every SelectUniqueValue candidate for ${path} is already used in the target: ${candidates.join(', ')}`,
      );
    }
    values[path] = chosen;
  }
  return values;
}

function shadowRow(
  ctx: CycleContext,
  kind: ObjectKindContext,
  sourceId: string,
  targetId: string | undefined,
  status: ProvisionedObjectRecord['status'],
  values: FlatValues,
  detail?: { code: string; message: string },
): Omit<ProvisionedObjectRecord, 'updatedAt'> {
  return {
    applicationId: ctx.applicationId,
    objectType: kind.type,
    sourceId,
    targetId,
    status,
    values: values,
    detail,
  };
}

export function fail(ctx: CycleContext, kind: ObjectKindContext, p: Prepared, error: unknown): void {
  const code =
    error instanceof ScimClientError
      ? error.code
      : error instanceof UniqueValueError
        ? 'UniqueValueUnavailable'
        : 'Other';
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ScimClientError && FATAL_CODES.has(error.code)) {
    throw new CycleAbortedError(`the target refused the cycle's credentials: ${message}`, { cause: error });
  }
  if (!(error instanceof ScimClientError) && !(error instanceof UniqueValueError)) throw error;
  const known = p.known;
  // Failed objects keep their link and last written values and are retried by the next cycle.
  ctx.shadow.put(
    shadowRow(ctx, kind, p.item.sourceId, known?.targetId, 'failed', (known?.values ?? {}) as FlatValues, {
      code,
      message,
    }),
  );

  const action =
    p.action.kind === 'match'
      ? 'Create'
      : p.action.kind === 'disable'
        ? 'Disable'
        : p.action.kind === 'delete'
          ? 'Delete'
          : 'Update';
  ctx.report(
    kind.type,
    { sourceId: p.item.sourceId, displayName: p.item.displayName, targetId: known?.targetId },
    action,
    'Failure',
    {
      code,
      message,
    },
  );
}

export function skipMessage(reason: EntitlementReason): string {
  switch (reason) {
    case 'NotEffectivelyEntitled':
      return 'not assigned to the application';
    case 'OutOfScope':
      return 'does not pass the scoping filters';
    case 'SoftDeleted':
      return 'in the recycle bin';
    case 'AccountDisabled':
      return 'accountEnabled is false';
  }
}
