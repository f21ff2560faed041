import type { JsonObject } from '../../scim/index.js';
import type { ProvisionedObjectRecord } from '../../store/index.js';
import { diffValues, type FlatValues, type JsonValue } from '../mapping/index.js';

/** Why a source object is not (or no longer) entitled to exist in the target; Entra's skip reasons. */
export const ENTITLEMENT_REASONS = [
  'NotEffectivelyEntitled',
  'OutOfScope',
  'SoftDeleted',
  'AccountDisabled',
] as const;
export type EntitlementReason = (typeof ENTITLEMENT_REASONS)[number];

/** One PATCH operation on one target path. */
export interface PathOperation {
  readonly op: 'replace' | 'remove' | 'add';
  readonly path: string;
  readonly value?: JsonValue;
}

/** What the source says about one object, already mapped. */
export interface DesiredObject {
  readonly sourceId: string;
  readonly displayName: string;
  /** False when the source object is gone for good (permanently deleted). */
  readonly exists: boolean;
  /** Undefined when the object should exist and be enabled in the target. */
  readonly notEntitled: EntitlementReason | undefined;
  /** Update-mode values: what every later cycle keeps in sync. */
  readonly values: FlatValues;
  /** The target paths mapped "always"; a path among them missing from `values` was cleared at the source. */
  readonly alwaysPaths: readonly string[];
}

export interface PlanOptions {
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
  readonly skipOutOfScopeDeletions: boolean;
  /** The target path that enables/disables the object (`active` for users; undefined for groups). */
  readonly activePath: string | undefined;
  /** Paths the target refuses to change once written (a group's displayName on Atlassian). */
  readonly immutablePaths?: readonly string[];
}

export type PlannedAction =
  | { readonly kind: 'none' }
  /** Not linked yet and entitled: look for a match in the target, then create or link. */
  | { readonly kind: 'match' }
  | {
      readonly kind: 'update';
      readonly operations: readonly PathOperation[];
      readonly values: FlatValues;
      readonly reenable: boolean;
    }
  | { readonly kind: 'disable'; readonly reason: EntitlementReason }
  | { readonly kind: 'delete' }
  /** Delete the group and create it again under the new values (targets that cannot rename). */
  | { readonly kind: 'recreate'; readonly values: FlatValues }
  /** Drop the shadow row: the object is gone from the source and the target keeps it (Delete off or never linked). */
  | { readonly kind: 'forget' }
  | { readonly kind: 'skip'; readonly code: string; readonly message: string };

function outOfScope(reason: EntitlementReason): boolean {
  return reason === 'NotEffectivelyEntitled' || reason === 'OutOfScope';
}

/**
 * The planner's decision for one object, given what the source wants and what was last written
 * (the shadow). Pure: no I/O, no clock. Matching needs the target, so an unlinked object yields
 * `match`, and {@link planAfterMatch} finishes the decision with the match's result.
 */
export function planObject(
  desired: DesiredObject,
  known: ProvisionedObjectRecord | undefined,
  options: PlanOptions,
  onImmutableChange: 'skip' | 'recreate' = 'skip',
): PlannedAction {
  const linked = known?.targetId !== undefined;
  if (!desired.exists) {
    if (linked && options.actions.delete) return { kind: 'delete' };
    return known === undefined ? { kind: 'none' } : { kind: 'forget' };
  }
  if (desired.notEntitled !== undefined) {
    if (!linked || known.status === 'disabled') return { kind: 'none' };
    if (outOfScope(desired.notEntitled) && options.skipOutOfScopeDeletions) {
      return {
        kind: 'skip',
        code: desired.notEntitled,
        message: 'left scope; out-of-scope deletions are skipped',
      };
    }
    if (!options.actions.delete) {
      return { kind: 'skip', code: desired.notEntitled, message: 'not disabled: the Delete action is off' };
    }
    // Groups have no `active`: leaving scope deletes them in the target (Entra does the same).
    return options.activePath === undefined
      ? { kind: 'delete' }
      : { kind: 'disable', reason: desired.notEntitled };
  }
  if (!linked) return { kind: 'match' };
  const reenable = known.status === 'disabled';
  const previous = pick(known.values, desired.alwaysPaths);
  let operations: PathOperation[] = diffValues(previous, desired.values, { removeMissing: true });
  const immutable = new Set(options.immutablePaths ?? []);
  const blocked = operations.filter((op) => immutable.has(op.path) && op.path in known.values);
  if (blocked.length > 0) {
    if (onImmutableChange === 'recreate' && options.actions.create && options.actions.delete) {
      return { kind: 'recreate', values: desired.values };
    }
    operations = operations.filter((op) => !blocked.includes(op));
    if (operations.length === 0) {
      return {
        kind: 'skip',
        code: 'TargetRenameNotSupported',
        message: `the target cannot change ${blocked.map((op) => op.path).join(', ')}; not sent`,
      };
    }
  }
  if (
    reenable &&
    options.activePath !== undefined &&
    !operations.some((op) => op.path === options.activePath)
  ) {
    operations = [...operations, { op: 'replace', path: options.activePath, value: true }];
  }
  if (operations.length === 0) return { kind: 'none' };
  if (!options.actions.update && !reenable) {
    return { kind: 'skip', code: 'UpdateDisabled', message: 'changes not sent: the Update action is off' };
  }
  return { kind: 'update', operations, values: merge(known.values, desired, blocked), reenable };
}

/** What the target answered to the matching lookups, in precedence order. */
export type MatchOutcome =
  | { readonly kind: 'found'; readonly targetId: string; readonly current: FlatValues; readonly path: string }
  | { readonly kind: 'none' }
  | { readonly kind: 'duplicate'; readonly path: string; readonly count: number }
  | { readonly kind: 'noMatchingValue' };

export type PlannedAfterMatch =
  | { readonly kind: 'create' }
  | { readonly kind: 'link'; readonly targetId: string; readonly operations: readonly PathOperation[] }
  | { readonly kind: 'fail'; readonly code: string; readonly message: string }
  | { readonly kind: 'skip'; readonly code: string; readonly message: string };

export function planAfterMatch(
  desired: DesiredObject,
  outcome: MatchOutcome,
  options: PlanOptions,
): PlannedAfterMatch {
  switch (outcome.kind) {
    case 'noMatchingValue':
      return { kind: 'skip', code: 'ImportSkipped', message: 'no value for any matching attribute' };
    case 'duplicate':
      return {
        kind: 'fail',
        code: 'DuplicateTargetEntries',
        message: `${outcome.count} objects in the target match on ${outcome.path}; expected at most one`,
      };
    case 'none':
      return options.actions.create
        ? { kind: 'create' }
        : { kind: 'skip', code: 'CreateDisabled', message: 'not created: the Create action is off' };
    case 'found': {
      const operations = options.actions.update
        ? diffValues(outcome.current, desired.values, { removeMissing: false })
        : [];
      return { kind: 'link', targetId: outcome.targetId, operations };
    }
  }
}

/** Values recorded after an update: the old shadow with the new always-mapped values (creation-only ones kept). */
function merge(previous: JsonObject, desired: DesiredObject, blocked: readonly PathOperation[]): FlatValues {
  const next: Record<string, JsonValue> = { ...(previous as FlatValues) };
  for (const path of desired.alwaysPaths) delete next[path];
  Object.assign(next, desired.values);
  for (const op of blocked) next[op.path] = (previous as FlatValues)[op.path] ?? null;
  return next;
}

function pick(values: JsonObject, paths: readonly string[]): FlatValues {
  const picked: Record<string, JsonValue> = {};
  for (const path of paths) {
    const value = (values as FlatValues)[path];
    if (value !== undefined) picked[path] = value;
  }
  return picked;
}

/** Member source ids to add and remove so the target holds exactly `desired`. */
export function planMembers(
  desired: ReadonlySet<string>,
  known: ReadonlySet<string>,
): { add: string[]; remove: string[] } {
  const add = [...desired].filter((id) => !known.has(id));
  const remove = [...known].filter((id) => !desired.has(id));
  return { add, remove };
}

/** Splits into batches of at most `size` (a PATCH request each). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
