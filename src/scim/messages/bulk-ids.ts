import { ScimError, invalidValue } from '../errors/scim-error.js';
import type { BulkOperation } from './bulk-request.js';

// `bulkId:xyz` as a whole string or as one path segment (`/Groups/bulkId:xyz`, a `$ref` URL).
const REFERENCE = /(^|\/)bulkId:([^/]+)(?=\/|$)/g;

function visitStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) for (const item of value) visitStrings(item, visit);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) visitStrings(item, visit);
}

/**
 * Every bulkId referenced as `"bulkId:xyz"` in a JSON value (RFC 7644 §3.7.2), in order of
 * appearance and without duplicates. Path segments count too, so an operation's `path` and
 * `$ref` URLs are covered.
 *
 * @example findBulkIdReferences({ members: [{ type: 'User', value: 'bulkId:qwerty' }] }) // ['qwerty']
 */
export function findBulkIdReferences(value: unknown): string[] {
  const found = new Set<string>();
  visitStrings(value, (text) => {
    if (!text.includes('bulkId:')) return;
    for (const match of text.matchAll(REFERENCE)) found.add(match[2] ?? '');
  });
  return [...found];
}

/** The bulkIds an operation depends on: references in its `path` and `data`. */
export function bulkOperationReferences(operation: BulkOperation): string[] {
  return findBulkIdReferences([operation.path, operation.data ?? null]);
}

/**
 * A copy of `value` with each `bulkId:xyz` replaced by the id the POST with that bulkId created
 * (RFC 7644 §3.7.2). References missing from `ids` are left as they are, so
 * `findBulkIdReferences` on the result lists what is still unresolved.
 */
export function substituteBulkIds<T>(value: T, ids: ReadonlyMap<string, string>): T {
  return substitute(value, ids) as T;
}

function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    if (!value.includes('bulkId:')) return value;
    return value.replace(REFERENCE, (whole: string, slash: string, bulkId: string) => {
      const id = ids.get(bulkId);
      return id === undefined ? whole : `${slash}${id}`;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, ids));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = substitute(item, ids);
    return out;
  }
  return value;
}

export interface BulkExecutionPlan {
  /** Operations to run, in this order: each after the POSTs whose bulkIds it references. */
  readonly order: readonly BulkOperation[];
  /** Operations that cannot run, with the error to report for each, by operation index. */
  readonly failures: ReadonlyMap<number, ScimError>;
}

/**
 * Orders Bulk operations so every operation runs after the POSTs whose bulkIds it references
 * (RFC 7644 §3.7.2), otherwise keeping the request's order. RFC 7644 §3.7.1 lets a service
 * provider give up on circular references with 409 (Conflict): each operation on a cycle
 * fails with a 409 naming the cycle; operations depending on a failed one fail with 409 too,
 * and references to a bulkId no POST defines are 400 `invalidValue`.
 */
export function orderBulkOperations(operations: readonly BulkOperation[]): BulkExecutionPlan {
  const byBulkId = new Map<string, BulkOperation>();
  for (const operation of operations) {
    if (operation.method === 'POST' && operation.bulkId !== undefined)
      byBulkId.set(operation.bulkId, operation);
  }
  const failures = new Map<number, ScimError>();
  const dependencies = new Map<number, number[]>();
  for (const operation of operations) {
    const deps: number[] = [];
    for (const bulkId of bulkOperationReferences(operation)) {
      const target = byBulkId.get(bulkId);
      if (target === undefined) {
        failures.set(
          operation.index,
          invalidValue(
            `Operations[${operation.index}] references bulkId "${bulkId}", which no POST operation in this request defines`,
          ),
        );
      } else {
        deps.push(target.index);
      }
    }
    dependencies.set(operation.index, deps);
  }

  for (const cycle of findCycles(operations, dependencies)) {
    const names = cycle.map((i) => describe(operations, i)).join(', ');
    const detail =
      cycle.length === 1
        ? `${names} references its own bulkId`
        : `circular bulkId references between ${names}`;
    for (const index of cycle) {
      failures.set(
        index,
        new ScimError(
          409,
          undefined,
          `${detail}; the service provider does not resolve cycles (RFC 7644 §3.7.1)`,
        ),
      );
    }
  }

  // Kahn's algorithm, always taking the earliest ready operation to keep the request's order.
  const order: BulkOperation[] = [];
  const done = new Set<number>();
  const pending = operations.filter((o) => !failures.has(o.index));
  while (pending.length > 0) {
    const next = pending.findIndex((o) => (dependencies.get(o.index) ?? []).every((d) => done.has(d)));
    if (next === -1) break;
    const [operation] = pending.splice(next, 1);
    if (operation === undefined) break;
    order.push(operation);
    done.add(operation.index);
  }
  // What is left waits on a failed operation, directly or through others.
  propagateFailures(pending, dependencies, failures, operations);
  return { order, failures };
}

function describe(operations: readonly BulkOperation[], index: number): string {
  const operation = operations.find((o) => o.index === index);
  return operation?.bulkId === undefined
    ? `Operations[${index}]`
    : `Operations[${index}] (bulkId "${operation.bulkId}")`;
}

function propagateFailures(
  pending: BulkOperation[],
  dependencies: ReadonlyMap<number, readonly number[]>,
  failures: Map<number, ScimError>,
  operations: readonly BulkOperation[],
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = pending.length - 1; i >= 0; i--) {
      const operation = pending[i];
      if (operation === undefined) continue;
      const failed = (dependencies.get(operation.index) ?? []).find((d) => failures.has(d));
      if (failed === undefined) continue;
      failures.set(
        operation.index,
        new ScimError(
          409,
          undefined,
          `Operations[${operation.index}] depends on ${describe(operations, failed)}, which failed`,
        ),
      );
      pending.splice(i, 1);
      changed = true;
    }
  }
}

/** Strongly connected components with more than one member, or a self-reference (Tarjan). */
function findCycles(
  operations: readonly BulkOperation[],
  dependencies: ReadonlyMap<number, readonly number[]>,
): number[][] {
  const indexOf = new Map<number, number>();
  const lowLink = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const cycles: number[][] = [];
  let counter = 0;
  const visit = (node: number): void => {
    indexOf.set(node, counter);
    lowLink.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of dependencies.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, indexOf.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) !== indexOf.get(node)) return;
    const component: number[] = [];
    let member: number | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfLoop = component.length === 1 && (dependencies.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(component.sort((a, b) => a - b));
  };
  for (const operation of operations) if (!indexOf.has(operation.index)) visit(operation.index);
  return cycles;
}
