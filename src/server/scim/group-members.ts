import { getMember, invalidValue, isJsonObject } from '../../scim/index.js';
import type { GroupMember, MemberChanges } from '../../store/index.js';
import { InvalidMember } from './errors.js';
import type { ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';

/** A member reference as a client sends it: `value` is the member's id; `type` is recomputed. */
export interface MemberInput {
  readonly value: string;
  readonly display?: string;
}

/** Reads `[{ "value": id, … }]` (a single object is accepted too) from a client's members value. */
export function readMemberInputs(raw: unknown, where: string): MemberInput[] {
  if (raw === undefined || raw === null) return [];
  const items = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return items.map((item, index) => {
    const value = isJsonObject(item) ? getMember(item, 'value') : undefined;
    if (typeof value !== 'string' || value === '') {
      throw invalidValue(`${where}[${index}]: a member needs a "value" with the member's id`);
    }
    const display = isJsonObject(item) ? getMember(item, 'display') : undefined;
    return typeof display === 'string' ? { value, display } : { value };
  });
}

/**
 * Membership changes folded from a sequence of operations, so the store applies them in one
 * call at O(changed): `removeAll` first, then the (disjoint) removals and additions.
 */
export class MemberChangeSet {
  removeAll = false;
  readonly add = new Map<string, MemberInput>();
  readonly remove = new Set<string>();

  addMembers(members: readonly MemberInput[]): void {
    for (const member of members) {
      this.remove.delete(member.value);
      this.add.set(member.value, member);
    }
  }

  removeMembers(ids: readonly string[]): void {
    for (const id of ids) {
      this.add.delete(id);
      if (!this.removeAll) this.remove.add(id);
    }
  }

  clear(): void {
    this.removeAll = true;
    this.add.clear();
    this.remove.clear();
  }

  replace(members: readonly MemberInput[]): void {
    this.clear();
    this.addMembers(members);
  }

  get isEmpty(): boolean {
    return !this.removeAll && this.add.size === 0 && this.remove.size === 0;
  }

  toChanges(resolvedAdds: readonly GroupMember[]): MemberChanges {
    return {
      ...(this.removeAll ? { removeAll: true } : {}),
      ...(this.remove.size === 0 ? {} : { remove: [...this.remove] }),
      ...(resolvedAdds.length === 0 ? {} : { add: resolvedAdds }),
    };
  }
}

/**
 * Checks member references against the tenant and gives each its real `type`: a member must
 * be a user or a group of this tenant, and a group cannot contain itself. Costs two indexed
 * lookups for the referenced ids only.
 *
 * @throws InvalidMember naming the unknown ids, or the group itself.
 */
export async function resolveMembers(
  deps: ScimServiceDeps,
  ctx: ScimContext,
  groupId: string | undefined,
  inputs: readonly MemberInput[],
): Promise<GroupMember[]> {
  const unique = new Map<string, MemberInput>();
  for (const input of inputs) if (!unique.has(input.value)) unique.set(input.value, input);
  if (unique.size === 0) return [];
  if (groupId !== undefined && unique.has(groupId)) throw new InvalidMember([groupId], 'self');
  const ids = [...unique.keys()];
  const users = await deps.store.users.existing(ctx.tenantId, ids);
  const rest = ids.filter((id) => !users.has(id));
  const groups = rest.length === 0 ? new Set<string>() : await deps.store.groups.existing(ctx.tenantId, rest);
  const unknown = rest.filter((id) => !groups.has(id));
  if (unknown.length > 0) throw new InvalidMember(unknown, 'unknown');
  return [...unique.values()].map((input) => ({
    value: input.value,
    type: users.has(input.value) ? 'User' : 'Group',
    ...(input.display === undefined ? {} : { display: input.display }),
  }));
}
