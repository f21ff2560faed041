import {
  findKey,
  isJsonObject,
  type Filter,
  type PatchOperation,
  type PatchPath,
  type ResourceSchema,
} from '../../scim/index.js';
import { readMemberInputs, type MemberChangeSet, type MemberInput } from './group-members.js';

/** A membership change in one of the shapes identity providers send. */
export type MemberStep =
  | { readonly kind: 'add' | 'replace'; readonly members: readonly MemberInput[] }
  | { readonly kind: 'remove'; readonly ids: readonly string[] }
  | { readonly kind: 'removeAll' };

/**
 * A group PATCH split in two: membership steps that go to the store as O(changed) member
 * updates, and operations on the other attributes, applied to the group without its members.
 * `fallback` marks a request with member operations of another shape (a filter on `display`,
 * a sub-attribute path…): it is applied to the fully loaded group instead.
 */
export interface GroupPatchPlan {
  readonly memberSteps: readonly MemberStep[];
  readonly dataOperations: readonly PatchOperation[];
  readonly fallback: boolean;
}

function isMembersPath(
  path: { readonly schema?: string; readonly attribute: string },
  schema: ResourceSchema,
): boolean {
  if (path.attribute.toLowerCase() !== 'members') return false;
  return path.schema === undefined || path.schema.toLowerCase() === schema.core.id.toLowerCase();
}

/** Ids selected by `value eq "a"`, `value eq "a" or value eq "b"`; undefined for any other filter. */
function idsOfValueFilter(filter: Filter): string[] | undefined {
  if (filter.kind === 'comparison') {
    const { path, operator, value } = filter;
    const plain = path.schema === undefined && path.subAttribute === undefined;
    return plain && path.attribute.toLowerCase() === 'value' && operator === 'eq' && typeof value === 'string'
      ? [value]
      : undefined;
  }
  if (filter.kind === 'logical' && filter.operator === 'or') {
    const left = idsOfValueFilter(filter.left);
    const right = idsOfValueFilter(filter.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  return undefined;
}

function memberStep(
  op: PatchOperation,
  path: PatchPath | undefined,
  value: unknown,
  where: string,
): MemberStep | undefined {
  if (path?.subAttribute !== undefined) return undefined;
  if (path?.valueFilter !== undefined) {
    const ids = op.op === 'remove' && value === undefined ? idsOfValueFilter(path.valueFilter) : undefined;
    return ids === undefined ? undefined : { kind: 'remove', ids };
  }
  if (op.op === 'remove') {
    if (value === undefined) return { kind: 'removeAll' };
    return { kind: 'remove', ids: readMemberInputs(value, where).map((m) => m.value) };
  }
  return { kind: op.op, members: readMemberInputs(value, where) };
}

/** Splits a group PATCH (RFC 7644 §3.5.2) by what it touches; see {@link GroupPatchPlan}. */
export function planGroupPatch(
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): GroupPatchPlan {
  const memberSteps: MemberStep[] = [];
  const dataOperations: PatchOperation[] = [];
  for (const [index, operation] of operations.entries()) {
    const where = `Operations[${index}].value`;
    if (operation.path !== undefined) {
      if (!isMembersPath(operation.path, schema)) {
        dataOperations.push(operation);
        continue;
      }
      const step = memberStep(operation, operation.path, operation.value, where);
      if (step === undefined) return { memberSteps: [], dataOperations: [], fallback: true };
      memberSteps.push(step);
      continue;
    }
    const value = operation.value;
    if (!isJsonObject(value)) {
      dataOperations.push(operation);
      continue;
    }
    const membersKey = findKey(value, 'members');
    const qualified = Object.keys(value).some((k) => k.toLowerCase().endsWith(':members'));
    if (qualified || (membersKey !== undefined && operation.op === 'remove'))
      return { memberSteps: [], dataOperations: [], fallback: true };
    if (membersKey === undefined) {
      dataOperations.push(operation);
      continue;
    }
    const step = memberStep(operation, undefined, value[membersKey], `${where}.members`);
    if (step === undefined) return { memberSteps: [], dataOperations: [], fallback: true };
    memberSteps.push(step);
    const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== membersKey));
    if (Object.keys(rest).length > 0) dataOperations.push({ op: operation.op, value: rest });
  }
  return { memberSteps, dataOperations, fallback: false };
}

/** Folds the steps, in order, into one change set. */
export function foldMemberSteps(steps: readonly MemberStep[], into: MemberChangeSet): MemberChangeSet {
  for (const step of steps) {
    if (step.kind === 'add') into.addMembers(step.members);
    else if (step.kind === 'replace') into.replace(step.members);
    else if (step.kind === 'remove') into.removeMembers(step.ids);
    else into.clear();
  }
  return into;
}
