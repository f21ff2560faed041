import {
  buildBulkResponse,
  bulkErrorResult,
  findBulkIdReferences,
  orderBulkOperations,
  parseBulkRequest,
  ScimError,
  shouldStopBulk,
  substituteBulkIds,
  type BulkOperation,
  type BulkOperationResult,
  type BulkResponse,
} from '../../scim/index.js';
import { independentPostWave } from './bulk-waves.js';
import { toScimError } from './errors.js';
import { createGroup, deleteGroup, patchGroup, replaceGroup } from './group-operations.js';
import { resourceLocation } from './resource-representation.js';
import type { EmptyResult, ResourceResult, ScimContext, ScimResourceType } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';
import { createUser, deleteUser, patchUser, replaceUser } from './user-operations.js';
import { recordAudit } from './write-support.js';

const ENDPOINT_TYPES: Readonly<Record<string, ScimResourceType>> = { '/users': 'User', '/groups': 'Group' };

/** The request order, except that an operation waits for the POSTs it references (RFC 7644 §3.7.2). */
function executionSequence(
  operations: readonly BulkOperation[],
  order: readonly BulkOperation[],
): BulkOperation[] {
  const ordered = new Set(order.map((o) => o.index));
  const failed = operations.filter((o) => !ordered.has(o.index));
  const sequence: BulkOperation[] = [];
  for (const operation of order) {
    while (failed.length > 0 && (failed[0]?.index ?? Infinity) < operation.index)
      sequence.push(failed.shift()!);
    sequence.push(operation);
  }
  return [...sequence, ...failed];
}

async function dispatch(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  resourceType: ScimResourceType,
  operation: BulkOperation,
): Promise<ResourceResult | EmptyResult> {
  const id = operation.resourceId ?? '';
  const options = operation.version === undefined ? {} : { ifMatch: operation.version };
  const user = resourceType === 'User';
  switch (operation.method) {
    case 'POST':
      return user ? createUser(deps, ctx, operation.data) : createGroup(deps, ctx, operation.data);
    case 'PUT':
      return user
        ? replaceUser(deps, ctx, id, operation.data, options)
        : replaceGroup(deps, ctx, id, operation.data, options);
    case 'PATCH':
      return user
        ? patchUser(deps, ctx, id, operation.data, options)
        : patchGroup(deps, ctx, id, operation.data, options);
    case 'DELETE':
      return user ? deleteUser(deps, ctx, id, options) : deleteGroup(deps, ctx, id, options);
  }
}

/**
 * Most creations run at once: each is a savepoint of the store's shared transaction (SQLite) or
 * takes a pooled connection (PostgreSQL), so a wave of 100 costs one commit instead of 100.
 */
const MAX_WAVE = 100;

const SUCCESS_STATUS = { POST: 201, PUT: 200, PATCH: 200, DELETE: 204 } as const;

async function runOne(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  raw: BulkOperation,
  ids: Map<string, string>,
): Promise<BulkOperationResult> {
  const operation = substituteBulkIds(raw, ids);
  const resourceType = ENDPOINT_TYPES[operation.endpoint.toLowerCase()];
  const location =
    resourceType === undefined || operation.resourceId === undefined
      ? undefined
      : resourceLocation(ctx.baseUrl, resourceType, operation.resourceId);
  try {
    if (resourceType === undefined)
      throw new ScimError(
        404,
        undefined,
        `Operations[${raw.index}]: no resource endpoint "${operation.endpoint}"`,
      );
    const unresolved = findBulkIdReferences([operation.path, operation.data ?? null]);
    if (unresolved.length > 0) {
      throw new ScimError(
        409,
        undefined,
        `Operations[${raw.index}] references bulkId "${unresolved[0] ?? ''}", whose POST failed`,
      );
    }
    const outcome = await dispatch(deps, ctx, resourceType, operation);
    if (outcome.kind === 'resource' && operation.method === 'POST' && operation.bulkId !== undefined) {
      ids.set(operation.bulkId, String(outcome.resource['id']));
    }
    const status =
      outcome.kind === 'noContent' && operation.method === 'PATCH' ? 204 : SUCCESS_STATUS[operation.method];
    const where = outcome.location ?? location;
    return {
      method: operation.method,
      ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
      ...(outcome.etag === undefined ? {} : { version: outcome.etag }),
      ...(where === undefined ? {} : { location: where }),
      status,
    };
  } catch (error) {
    const scimError = toScimError(error);
    if (!(scimError instanceof ScimError)) throw error;
    return bulkErrorResult(operation, scimError, location);
  }
}

/**
 * `POST /Bulk` (RFC 7644 §3.7): operations run in request order, each after the POSTs whose
 * `bulkId` it references, with `bulkId:` references replaced by the created ids; consecutive
 * independent creations run together (see {@link independentPostWave}). Processing
 * stops once `failOnErrors` operations have failed; the response lists what was processed.
 * Operations are independent: a failure does not undo earlier ones.
 *
 * @throws ScimError 413 over `maxOperations` / `maxPayloadSize`; 400 for a malformed request.
 */
export async function runBulk(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  body: unknown,
  options: { readonly payloadSize?: number } = {},
): Promise<BulkResponse> {
  const request = parseBulkRequest(body, {
    maxOperations: deps.limits.bulkMaxOperations,
    maxPayloadSize: deps.limits.bulkMaxPayloadSize,
    ...(options.payloadSize === undefined ? {} : { payloadSize: options.payloadSize }),
  });
  const plan = orderBulkOperations(request.operations);
  const ids = new Map<string, string>();
  const results: BulkOperationResult[] = [];
  let errors = 0;
  const sequence = executionSequence(request.operations, plan.order);
  for (let next = 0; next < sequence.length;) {
    if (shouldStopBulk(errors, request.failOnErrors)) break;
    const tolerated = request.failOnErrors === undefined ? MAX_WAVE : request.failOnErrors - errors;
    const wave = independentPostWave(sequence, next, Math.min(MAX_WAVE, tolerated), plan.failures);
    if (wave > 1) {
      const outcomes = await Promise.all(
        sequence.slice(next, next + wave).map((operation) => runOne(deps, ctx, operation, ids)),
      );
      for (const outcome of outcomes) if (outcome.status >= 400) errors++;
      results.push(...outcomes);
      next += wave;
      continue;
    }
    const operation = sequence[next++]!;
    const failure = plan.failures.get(operation.index);
    const outcome =
      failure === undefined ? await runOne(deps, ctx, operation, ids) : bulkErrorResult(operation, failure);
    if (outcome.status >= 400) errors++;
    results.push(outcome);
  }
  await recordAudit(deps, ctx, 'bulk', undefined, undefined, deps.now().toISOString(), {
    operations: results.length,
    errors,
  });
  return buildBulkResponse(results);
}
