import { formatETag, ifMatchSatisfied, type JsonObject, type ProjectionOptions } from '../../scim/index.js';
import { VersionConflict, type AuditEntry, type StoredResource } from '../../store/index.js';
import { PreconditionFailed, ResourceNotFound } from './errors.js';
import { planProjection } from './query-attributes.js';
import { etagOf, resourceLocation } from './resource-representation.js';
import type {
  EmptyResult,
  ResourceRequestOptions,
  ResourceResult,
  ScimContext,
  ScimResourceType,
} from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';

/** `If-Match` (RFC 7644 §3.14, RFC 7232 §3.1), compared weakly with the stored version. */
export function assertIfMatch(header: string | undefined, stored: Pick<StoredResource, 'version'>): void {
  if (!ifMatchSatisfied(header, formatETag(stored.version))) throw new PreconditionFailed(stored.version);
}

/**
 * Runs a read-modify-write. Each attempt writes with the version it read as `expectedVersion`;
 * when another writer got there first and the client sent no `If-Match`, the attempt is
 * repeated on fresh data, so concurrent PATCHes never lose each other's changes. With
 * `If-Match` the conflict is the client's to resolve (412).
 */
export async function withWriteRetries<T>(
  deps: ScimServiceDeps,
  ifMatch: string | undefined,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof VersionConflict) || ifMatch !== undefined || tries >= deps.limits.writeRetries)
        throw error;
    }
  }
}

/**
 * Runs a change and its audit entry in one store transaction: one commit (one disk sync) per
 * request instead of two, and never a change without its audit entry. Callers append the entry
 * first: it locks nothing other writers wait for, so the changed row (locked FOR UPDATE on
 * PostgreSQL) is held no longer than without it.
 */
export function inWriteTransaction<T>(
  deps: ScimServiceDeps,
  work: (deps: ScimServiceDeps) => Promise<T>,
): Promise<T> {
  return deps.store.transaction((store) => work({ ...deps, store }));
}

export async function recordAudit(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  action: string,
  resourceType: ScimResourceType | undefined,
  resourceId: string | undefined,
  at: string,
  detail?: JsonObject,
): Promise<void> {
  const entry: AuditEntry = {
    tenantId: ctx.tenantId,
    at,
    actor: ctx.actor,
    action,
    ...(resourceType === undefined ? {} : { resourceType }),
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(detail === undefined ? {} : { detail }),
  };
  await deps.store.audit.append(entry);
}

/** A representation projected as the request asked, with its ETag and Location. */
export function toResourceResult(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  resourceType: ScimResourceType,
  stored: StoredResource,
  representation: JsonObject,
  projection: ProjectionOptions | undefined,
): ResourceResult {
  return {
    kind: 'resource',
    resource: planProjection(deps.registry.resourceSchema(resourceType), projection ?? {}).project(
      representation,
    ),
    etag: etagOf(stored),
    location: resourceLocation(ctx.baseUrl, resourceType, stored.id),
  };
}

/** True when the request named `attributes` or `excludedAttributes`. */
export function hasProjection(projection: ProjectionOptions | undefined): boolean {
  return projection?.attributes !== undefined || projection?.excludedAttributes !== undefined;
}

/**
 * `DELETE /Users|Groups/{id}`: a hard delete (RFC 7644 §3.6), guarded by `If-Match` when sent;
 * the resource is 404 afterwards.
 */
export async function deleteResource(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  resourceType: ScimResourceType,
  id: string,
  options: ResourceRequestOptions,
  store: {
    load(): Promise<StoredResource>;
    /** Runs inside the transaction that also writes the audit entry (`tx.store`). */
    remove(tx: ScimServiceDeps, options: { expectedVersion?: number }): Promise<boolean>;
  },
): Promise<EmptyResult> {
  let expectedVersion: number | undefined;
  if (options.ifMatch !== undefined) {
    const current = await store.load();
    assertIfMatch(options.ifMatch, current);
    expectedVersion = current.version;
  }
  const action = `${resourceType.toLowerCase()}.delete`;
  await inWriteTransaction(deps, async (tx) => {
    await recordAudit(tx, ctx, action, resourceType, id, deps.now().toISOString());
    const deleted = await store.remove(tx, expectedVersion === undefined ? {} : { expectedVersion });
    if (!deleted) throw new ResourceNotFound(resourceType, id);
  });
  return { kind: 'noContent' };
}
