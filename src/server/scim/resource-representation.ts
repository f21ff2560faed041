import { formatETag, type JsonObject, type Projector, type VerbatimCheck } from '../../scim/index.js';
import type { GroupMember, StoredGroup, StoredResource } from '../../store/index.js';
import type { ScimContext, ScimResourceType } from './scim-context.js';

const ENDPOINTS: Readonly<Record<string, string>> = { User: 'Users', Group: 'Groups' };

/** The URL of a resource: `{baseUrl}/Users/{id}` (RFC 7643 §3.1 `meta.location`). */
export function resourceLocation(baseUrl: string, resourceType: string, id: string): string {
  return `${baseUrl}/${ENDPOINTS[resourceType] ?? resourceType}/${encodeURIComponent(id)}`;
}

export function etagOf(stored: Pick<StoredResource, 'version'>): string {
  return formatETag(stored.version);
}

function metaOf(stored: StoredResource, resourceType: ScimResourceType, ctx: ScimContext): JsonObject {
  return {
    resourceType,
    created: stored.created,
    lastModified: stored.lastModified,
    location: resourceLocation(ctx.baseUrl, resourceType, stored.id),
    version: etagOf(stored),
  };
}

/** `schemas` first, then `id`, then the stored attributes, the derived ones, and `meta` last. */
function assemble(
  stored: StoredResource,
  resourceType: ScimResourceType,
  ctx: ScimContext,
  derived: JsonObject,
): JsonObject {
  const { schemas, ...attributes } = stored.data;
  return { schemas, id: stored.id, ...attributes, ...derived, meta: metaOf(stored, resourceType, ctx) };
}

/**
 * The default representation (no `attributes` or `excludedAttributes`) as JSON text, built from
 * the stored text without decoding it, in the order of {@link assemble}; undefined when the
 * store gave no text or the text must go through the projection. A GET by id spent about a
 * quarter of its time decoding, projecting and encoding the stored data again.
 */
export function toVerbatimJson(
  stored: StoredResource,
  resourceType: ScimResourceType,
  ctx: ScimContext,
  derived: JsonObject,
  projection: {
    readonly project: Projector;
    readonly verbatim?: VerbatimCheck | undefined;
    readonly keepsAddedMembers: boolean;
  },
): string | undefined {
  const text = stored.dataJson;
  const parts = text === undefined ? undefined : projection.verbatim?.(text);
  if (parts === undefined) return undefined;
  const added: JsonObject = { ...derived, meta: metaOf(stored, resourceType, ctx) };
  // What the decoded path's projection would keep of the derived members and meta.
  const tail = projection.keepsAddedMembers ? added : projection.project(added);
  let json = `{"schemas":${parts.schemas},"id":${JSON.stringify(stored.id)}${parts.rest}`;
  for (const key in tail) json += `,"${key}":${JSON.stringify(tail[key])}`;
  return `${json}}`;
}

/** A user's read-only `groups` (RFC 7643 §4.1.2; direct memberships, `type: "direct"`), left out when empty. */
export function userDerived(
  groups: readonly { id: string; display: string }[] | undefined,
  ctx: ScimContext,
): JsonObject {
  if (groups === undefined || groups.length === 0) return {};
  return {
    groups: groups.map((g) => ({
      value: g.id,
      display: g.display,
      $ref: resourceLocation(ctx.baseUrl, 'Group', g.id),
      type: 'direct',
    })),
  };
}

/** A stored user as served, with the read-only `groups` derived from memberships. */
export function toUserRepresentation(
  stored: StoredResource,
  groups: readonly { id: string; display: string }[] | undefined,
  ctx: ScimContext,
): JsonObject {
  return assemble(stored, 'User', ctx, userDerived(groups, ctx));
}

export function toMemberRepresentation(member: GroupMember, ctx: ScimContext): JsonObject {
  const out: JsonObject = { value: member.value };
  if (member.display !== undefined) out['display'] = member.display;
  out['$ref'] = resourceLocation(ctx.baseUrl, member.type, member.value);
  out['type'] = member.type;
  return out;
}

/** A stored group as served; `members` only when they were read, and left out when empty. */
export function toGroupRepresentation(stored: StoredGroup, ctx: ScimContext): JsonObject {
  const derived: JsonObject = {};
  if (stored.members !== undefined && stored.members.length > 0) {
    derived['members'] = stored.members.map((m) => toMemberRepresentation(m, ctx));
  }
  return assemble(stored, 'Group', ctx, derived);
}
