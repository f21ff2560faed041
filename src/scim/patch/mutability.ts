import { mutability } from '../errors/scim-error.js';
import { getMember, isJsonObject } from '../resource/attribute-access.js';
import type { PatchContext } from './patch-context.js';
import type { PatchOp } from './patch-operation.js';
import type { AttributeTarget } from './patch-target.js';
import { jsonClone, jsonEqual } from './json-equal.js';

/** The current value of the target's attribute (or of its sub-attribute, for a single-valued complex). */
function currentValue(ctx: PatchContext, target: AttributeTarget, withSubAttribute: boolean): unknown {
  const container = target.extension === undefined ? ctx.root : getMember(ctx.root, target.extension);
  if (!isJsonObject(container)) return undefined;
  const value = getMember(container, target.attribute.name);
  if (!withSubAttribute || target.subAttribute === undefined) return value;
  return isJsonObject(value) ? getMember(value, target.subAttribute.name) : undefined;
}

/** RFC 7643 §2.5 unassigned; an empty string counts too, as it does for required values on POST. */
function isUnassigned(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/** What the orchestrator does around one operation, decided from mutability metadata. */
export type MutabilityGuard =
  { readonly kind: 'skip' } | { readonly kind: 'apply'; readonly after: (() => void) | undefined };

const APPLY: MutabilityGuard = { kind: 'apply', after: undefined };
const SKIP: MutabilityGuard = { kind: 'skip' };

/**
 * RFC 7644 §3.5.2: a client MUST NOT modify a `readOnly` or `immutable` attribute, but MAY add a
 * value to an `immutable` one that has none (RFC 7643 §2.2). A write of a readOnly attribute
 * with the value it already has (a client echoing `id`) changes nothing, so it is skipped
 * rather than refused. Immutable attributes that have a value are snapshotted and compared after
 * the operation. Required attributes may not be left unassigned (RFC 7644 §3.5.2.2).
 *
 * @throws ScimError 400 `mutability`
 */
export function guardMutability(
  ctx: PatchContext,
  target: AttributeTarget,
  op: PatchOp,
  value: unknown,
): MutabilityGuard {
  const { attribute, subAttribute } = target;
  if (attribute.mutability === 'readOnly' || subAttribute?.mutability === 'readOnly') {
    const readOnly = attribute.mutability === 'readOnly' ? attribute : subAttribute!;
    const singleTarget =
      target.filter === undefined && (subAttribute === undefined || !attribute.multiValued);
    if (singleTarget) {
      const current = currentValue(ctx, target, true);
      if (op === 'remove' ? current === undefined : value !== undefined && jsonEqual(current, value))
        return SKIP;
    }
    throw mutability(
      `"${target.text}": "${readOnly.name}" is readOnly and cannot be modified (RFC 7643 §2.2)`,
    );
  }
  const checks: (() => void)[] = [];
  if (attribute.mutability === 'immutable') {
    const before = currentValue(ctx, target, false);
    if (!isUnassigned(before)) {
      const snapshot = jsonClone(before);
      checks.push(() => {
        if (!jsonEqual(snapshot, currentValue(ctx, target, false))) {
          throw mutability(
            `"${target.text}": "${attribute.name}" is immutable and already has a value (RFC 7644 §3.5.2)`,
          );
        }
      });
    }
  }
  if (attribute.required && !isUnassigned(currentValue(ctx, target, false))) {
    checks.push(() => {
      if (isUnassigned(currentValue(ctx, target, false))) {
        throw mutability(
          `"${target.text}": "${attribute.name}" is required and cannot be removed (RFC 7644 §3.5.2.2)`,
        );
      }
    });
  }
  if (checks.length === 0) return APPLY;
  return {
    kind: 'apply',
    after: () => {
      for (const check of checks) check();
    },
  };
}
