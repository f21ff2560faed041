import {
  applyPatch,
  assertResource,
  ifNoneMatchSatisfied,
  parsePatchRequest,
  stableStringify,
  type JsonObject,
  type PatchOperation,
} from '../../scim/index.js';
import type { StoredGroup } from '../../store/index.js';
import { ResourceNotFound } from './errors.js';
import { writeMembers } from './group-member-writes.js';
import { MemberChangeSet, readMemberInputs, resolveMembers, type MemberInput } from './group-members.js';
import { foldMemberSteps, planGroupPatch } from './group-patch-plan.js';
import { planProjection } from './query-attributes.js';
import { etagOf, resourceLocation, toGroupRepresentation } from './resource-representation.js';
import type { EmptyResult, ResourceRequestOptions, ResourceResult, ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';
import {
  assertIfMatch,
  deleteResource,
  hasProjection,
  inWriteTransaction,
  recordAudit,
  toResourceResult,
  withWriteRetries,
} from './write-support.js';

const GROUP = 'Group';

function groupSchema(deps: ScimServiceDeps) {
  return deps.registry.resourceSchema(GROUP);
}

/** Client input → stored data (without members) and the member references it lists. */
function readGroupInput(
  deps: ScimServiceDeps,
  body: unknown,
  mode: 'create' | 'replace',
): { data: JsonObject; members: MemberInput[] } {
  const { members, ...data } = assertResource(body, groupSchema(deps), { mode, unknownAttributes: 'drop' });
  return { data, members: readMemberInputs(members, 'members') };
}

async function loadGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  members: boolean,
): Promise<StoredGroup> {
  const stored = await deps.store.groups.get(ctx.tenantId, id, { members });
  if (stored === undefined) throw new ResourceNotFound(GROUP, id);
  return stored;
}

function result(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  stored: StoredGroup,
  options: ResourceRequestOptions,
) {
  return toResourceResult(deps, ctx, GROUP, stored, toGroupRepresentation(stored, ctx), options.projection);
}

/** `GET /Groups/{id}`; members are read only when the projection keeps them (`excludedAttributes=members`). */
export async function getGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult | EmptyResult> {
  if (options.ifNoneMatch !== undefined) {
    const head = await loadGroup(deps, ctx, id, false);
    if (!ifNoneMatchSatisfied(options.ifNoneMatch, etagOf(head)))
      return { kind: 'notModified', etag: etagOf(head) };
  }
  const wantsMembers = planProjection(groupSchema(deps), options.projection).wants('members');
  return result(deps, ctx, await loadGroup(deps, ctx, id, wantsMembers), options);
}

/** `POST /Groups`: displayName unique in the tenant (409); members must be users or groups of the tenant. */
export async function createGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult> {
  const { data, members } = readGroupInput(deps, body, 'create');
  const resolved = await resolveMembers(deps, ctx, undefined, members);
  const now = deps.now().toISOString();
  const id = deps.newId();
  const stored = await inWriteTransaction(deps, async (tx) => {
    await recordAudit(tx, ctx, 'group.create', GROUP, id, now, { members: resolved.length });
    return tx.store.groups.insert(
      ctx.tenantId,
      { id, data, created: now, members: resolved },
      { lastModified: now },
    );
  });
  return result(deps, ctx, { ...stored, members: stored.members ?? resolved }, options);
}

/** `PUT /Groups/{id}` (RFC 7644 §3.5.1): replaces the members too; none listed means none. */
export async function replaceGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult> {
  const { data, members } = readGroupInput(deps, body, 'replace');
  const stored = await withWriteRetries(deps, options.ifMatch, async () => {
    const current = await loadGroup(deps, ctx, id, false);
    assertIfMatch(options.ifMatch, current);
    const resolved = await resolveMembers(deps, ctx, id, members);
    const now = deps.now().toISOString();
    const written = await inWriteTransaction(deps, async (tx) => {
      await recordAudit(tx, ctx, 'group.replace', GROUP, id, now, { members: resolved.length });
      return tx.store.groups.replace(ctx.tenantId, id, data, resolved, {
        expectedVersion: current.version,
        previous: current.data,
        lastModified: now,
      });
    });
    return { ...written, members: written.members ?? resolved };
  });
  return result(deps, ctx, stored, options);
}

/**
 * `PATCH /Groups/{id}` (RFC 7644 §3.5.2). Member operations of the usual shapes cost
 * O(members changed): the group is read without its members and the store applies the change
 * set. Answers 204 with the new ETag, or 200 with the group when `attributes` or
 * `excludedAttributes` ask for a body (a 100,000-member body per added member would defeat the point).
 */
export async function patchGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult | EmptyResult> {
  const operations = parsePatchRequest(body, { maxOperations: deps.limits.maxPatchOperations });
  const plan = planGroupPatch(operations, groupSchema(deps));
  const stored = await withWriteRetries(deps, options.ifMatch, () =>
    plan.fallback
      ? patchLoadedGroup(deps, ctx, id, operations, options)
      : patchMembersInPlace(deps, ctx, id, plan, options),
  );
  if (hasProjection(options.projection)) {
    const wantsMembers = planProjection(groupSchema(deps), options.projection).wants('members');
    return result(deps, ctx, wantsMembers ? await loadGroup(deps, ctx, id, true) : stored, options);
  }
  return { kind: 'noContent', etag: etagOf(stored), location: resourceLocation(ctx.baseUrl, GROUP, id) };
}

async function patchMembersInPlace(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  plan: ReturnType<typeof planGroupPatch>,
  options: ResourceRequestOptions,
): Promise<StoredGroup> {
  const current = await loadGroup(deps, ctx, id, false);
  assertIfMatch(options.ifMatch, current);
  let data: JsonObject | undefined;
  if (plan.dataOperations.length > 0) {
    const patched = applyPatch({ ...current.data, id }, plan.dataOperations, groupSchema(deps));
    if (patched.changed) data = readGroupInput(deps, patched.resource, 'replace').data;
  }
  const changeSet = foldMemberSteps(plan.memberSteps, new MemberChangeSet());
  const adds = await resolveMembers(deps, ctx, id, [...changeSet.add.values()]);
  if (changeSet.isEmpty && data === undefined) return current;
  if (data === undefined && options.ifMatch === undefined && !changeSet.removeAll) {
    return writeMembers(deps, { ctx, groupId: id, remove: changeSet.remove, add: adds });
  }
  const now = deps.now().toISOString();
  return inWriteTransaction(deps, async (tx) => {
    await recordAudit(tx, ctx, 'group.patch', GROUP, id, now, {
      membersAdded: adds.length,
      membersRemoved: changeSet.remove.size,
      ...(changeSet.removeAll ? { removeAll: true } : {}),
    });
    let written: StoredGroup;
    if (!changeSet.isEmpty) {
      // Pure member changes need no version check: the store applies them atomically.
      const guard =
        options.ifMatch !== undefined || data !== undefined ? { expectedVersion: current.version } : {};
      written = await tx.store.groups.updateMembers(ctx.tenantId, id, changeSet.toChanges(adds), {
        lastModified: now,
        ...guard,
        ...(data === undefined ? {} : { data }),
      });
    } else {
      written = await tx.store.groups.replace(ctx.tenantId, id, data ?? current.data, undefined, {
        expectedVersion: current.version,
        previous: current.data,
        lastModified: now,
      });
    }
    return written;
  });
}

/** Member operations of unusual shapes: applied to the whole group, then stored as a member diff. */
async function patchLoadedGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  operations: readonly PatchOperation[],
  options: ResourceRequestOptions,
): Promise<StoredGroup> {
  const current = await loadGroup(deps, ctx, id, true);
  assertIfMatch(options.ifMatch, current);
  const before = current.members ?? [];
  const resource = { ...current.data, id, members: before.map((m) => ({ ...m })) };
  const patched = applyPatch(resource, operations, groupSchema(deps));
  if (!patched.changed) return current;
  const { data, members } = readGroupInput(deps, patched.resource, 'replace');
  const after = new Set(members.map((m) => m.value));
  const existing = new Set(before.map((m) => m.value));
  const adds = await resolveMembers(
    deps,
    ctx,
    id,
    members.filter((m) => !existing.has(m.value)),
  );
  const remove = before.filter((m) => !after.has(m.value)).map((m) => m.value);
  const dataChanged = stableStringify(data) !== stableStringify(current.data);
  const now = deps.now().toISOString();
  return inWriteTransaction(deps, async (tx) => {
    await recordAudit(tx, ctx, 'group.patch', GROUP, id, now, {
      membersAdded: adds.length,
      membersRemoved: remove.length,
    });
    return tx.store.groups.updateMembers(
      ctx.tenantId,
      id,
      { ...(adds.length === 0 ? {} : { add: adds }), ...(remove.length === 0 ? {} : { remove }) },
      { expectedVersion: current.version, lastModified: now, ...(dataChanged ? { data } : {}) },
    );
  });
}

/** `DELETE /Groups/{id}`: a hard delete, memberships included. */
export async function deleteGroup(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions = {},
): Promise<EmptyResult> {
  return deleteResource(deps, ctx, GROUP, id, options, {
    load: () => loadGroup(deps, ctx, id, false),
    remove: (tx, writeOptions) => tx.store.groups.delete(ctx.tenantId, id, writeOptions),
  });
}
