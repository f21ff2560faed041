import {
  applyPatch,
  assertResource,
  ifNoneMatchSatisfied,
  parsePatchRequest,
  stableStringify,
  type JsonObject,
} from '../../scim/index.js';
import type { StoredResource, UserGroup } from '../../store/index.js';
import { ResourceNotFound } from './errors.js';
import { planProjection } from './query-attributes.js';
import { etagOf, toUserRepresentation } from './resource-representation.js';
import type { EmptyResult, ResourceRequestOptions, ResourceResult, ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';
import { assertVerifiedEmailDomain, emailDomains } from './verified-domains.js';
import {
  assertIfMatch,
  deleteResource,
  inWriteTransaction,
  recordAudit,
  toResourceResult,
  withWriteRetries,
} from './write-support.js';

const USER = 'User';

function userSchema(deps: ScimServiceDeps) {
  return deps.registry.resourceSchema(USER);
}

/** Client input → stored data: validated, canonical names, readOnly and unknown members dropped. */
function readUserInput(deps: ScimServiceDeps, body: unknown, mode: 'create' | 'replace'): JsonObject {
  return assertResource(body, userSchema(deps), { mode, unknownAttributes: 'drop' });
}

async function assertDomains(deps: ScimServiceDeps, ctx: ScimContext, data: JsonObject): Promise<void> {
  assertVerifiedEmailDomain(data, userSchema(deps), await deps.verifiedDomains.get(ctx.tenantId));
}

/** The domain rule is checked when the email domains change, so a user that predates it can still be disabled. */
function emailDomainsChanged(deps: ScimServiceDeps, before: JsonObject, after: JsonObject): boolean {
  const schema = userSchema(deps);
  return stableStringify(emailDomains(before, schema)) !== stableStringify(emailDomains(after, schema));
}

async function loadUser(deps: ScimServiceDeps, ctx: ScimContext, id: string): Promise<StoredResource> {
  const stored = await deps.store.users.get(ctx.tenantId, id);
  if (stored === undefined) throw new ResourceNotFound(USER, id);
  return stored;
}

/**
 * The user with its groups when the response shows them (the common read: no projection, or one
 * that keeps `groups`), both in one query. A PUT or PATCH starts from it, so it reads neither the
 * row's columns again nor the groups after its write (a user's own write never changes them).
 */
async function loadUserAsShown(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions,
): Promise<{ user: StoredResource; groups: readonly UserGroup[] | undefined }> {
  if (!planProjection(userSchema(deps), options.projection).wants('groups'))
    return { user: await loadUser(deps, ctx, id), groups: undefined };
  const found = await deps.store.users.getWithGroups(ctx.tenantId, id);
  if (found === undefined) throw new ResourceNotFound(USER, id);
  return found;
}

function represent(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  stored: StoredResource,
  groups: readonly UserGroup[] | undefined,
  options: ResourceRequestOptions,
): ResourceResult {
  return toResourceResult(
    deps,
    ctx,
    USER,
    stored,
    toUserRepresentation(stored, groups, ctx),
    options.projection,
  );
}

/** `GET /Users/{id}` (RFC 7644 §3.4.1); `If-None-Match` → 304 (§3.14). */
export async function getUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult | EmptyResult> {
  const { user, groups } = await loadUserAsShown(deps, ctx, id, options);
  if (!ifNoneMatchSatisfied(options.ifNoneMatch, etagOf(user)))
    return { kind: 'notModified', etag: etagOf(user) };
  return represent(deps, ctx, user, groups, options);
}

/** `POST /Users` (RFC 7644 §3.3): userName unique case-insensitively (409 `uniqueness`). */
export async function createUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult> {
  const data = readUserInput(deps, body, 'create');
  await assertDomains(deps, ctx, data);
  const now = deps.now().toISOString();
  const id = deps.newId();
  const stored = await inWriteTransaction(deps, async (tx) => {
    await recordAudit(tx, ctx, 'user.create', USER, id, now);
    return tx.store.users.insert(ctx.tenantId, { id, data, created: now }, { lastModified: now });
  });
  return toResourceResult(deps, ctx, USER, stored, toUserRepresentation(stored, [], ctx), options.projection);
}

/**
 * A PUT or PATCH: from the user as read to its next data (`undefined`: nothing changes, no write),
 * written with its audit entry at the version read, and retried on a concurrent write.
 */
async function rewriteUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions,
  action: string,
  next: (current: StoredResource) => { data: JsonObject; detail?: JsonObject } | undefined,
): Promise<ResourceResult> {
  const { user, groups } = await withWriteRetries(deps, options.ifMatch, async () => {
    const loaded = await loadUserAsShown(deps, ctx, id, options);
    const current = loaded.user;
    assertIfMatch(options.ifMatch, current);
    const change = next(current);
    if (change === undefined) return loaded;
    const { data, detail } = change;
    if (emailDomainsChanged(deps, current.data, data)) await assertDomains(deps, ctx, data);
    const now = deps.now().toISOString();
    const written = await inWriteTransaction(deps, async (tx) => {
      await recordAudit(tx, ctx, action, USER, id, now, detail);
      return tx.store.users.replace(ctx.tenantId, id, data, {
        expectedVersion: current.version,
        previous: current.data,
        lastModified: now,
      });
    });
    return { user: written, groups: loaded.groups };
  });
  return represent(deps, ctx, user, groups, options);
}

/** `PUT /Users/{id}` (RFC 7644 §3.5.1). An identical body is not a write: the version stays. */
export async function replaceUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult> {
  const data = readUserInput(deps, body, 'replace');
  return rewriteUser(deps, ctx, id, options, 'user.replace', (current) =>
    stableStringify(current.data) === stableStringify(data) ? undefined : { data },
  );
}

/** `PATCH /Users/{id}` (RFC 7644 §3.5.2): answers 200 with the resource. */
export async function patchUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  body: unknown,
  options: ResourceRequestOptions = {},
): Promise<ResourceResult> {
  const operations = parsePatchRequest(body, { maxOperations: deps.limits.maxPatchOperations });
  const schema = userSchema(deps);
  return rewriteUser(deps, ctx, id, options, 'user.patch', (current) => {
    const result = applyPatch({ ...current.data, id: current.id }, operations, schema);
    if (!result.changed) return undefined;
    return {
      data: readUserInput(deps, result.resource, 'replace'),
      detail: { attributes: [...result.changedAttributes] },
    };
  });
}

/** `DELETE /Users/{id}` (RFC 7644 §3.6): a hard delete; the user is 404 afterwards. */
export async function deleteUser(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  id: string,
  options: ResourceRequestOptions = {},
): Promise<EmptyResult> {
  return deleteResource(deps, ctx, USER, id, options, {
    load: () => loadUser(deps, ctx, id),
    remove: (tx, writeOptions) => tx.store.users.delete(ctx.tenantId, id, writeOptions),
  });
}
