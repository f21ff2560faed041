import { formatETag, type JsonObject } from '../../scim/index.js';
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

/** `schemas` first, then `id`, then the stored attributes, the derived ones, and `meta` last. */
function assemble(
  stored: StoredResource,
  resourceType: ScimResourceType,
  ctx: ScimContext,
  derived: JsonObject,
): JsonObject {
  const { schemas, ...attributes } = stored.data;
  return {
    schemas,
    id: stored.id,
    ...attributes,
    ...derived,
    meta: {
      resourceType,
      created: stored.created,
      lastModified: stored.lastModified,
      location: resourceLocation(ctx.baseUrl, resourceType, stored.id),
      version: etagOf(stored),
    },
  };
}

/**
 * A stored user as served, with the read-only `groups` derived from memberships (RFC 7643
 * §4.1.2; only direct memberships, `type: "direct"`). `groups` is left out when empty.
 */
export function toUserRepresentation(
  stored: StoredResource,
  groups: readonly { id: string; display: string }[] | undefined,
  ctx: ScimContext,
): JsonObject {
  const derived: JsonObject = {};
  if (groups !== undefined && groups.length > 0) {
    derived['groups'] = groups.map((g) => ({
      value: g.id,
      display: g.display,
      $ref: resourceLocation(ctx.baseUrl, 'Group', g.id),
      type: 'direct',
    }));
  }
  return assemble(stored, 'User', ctx, derived);
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
