import type { GroupMember, StoredGroup } from '../../store/index.js';
import { MemberChangeSet } from './group-members.js';
import type { ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';
import { inWriteTransaction, recordAudit } from './write-support.js';
import { WriteCoalescer } from './write-coalescer.js';

/** One PATCH's pure member changes (no `If-Match`, no other attribute, no remove-all), members checked. */
export interface MemberWrite {
  readonly ctx: ScimContext;
  readonly groupId: string;
  readonly remove: ReadonlySet<string>;
  readonly add: readonly GroupMember[];
}

export type MemberWrites = WriteCoalescer<MemberWrite, StoredGroup>;

/**
 * Up to 64 PATCHes or 5,000 member changes a batch: bounded statements, and a batch a few
 * commits long at most.
 */
export function newMemberWrites(): MemberWrites {
  return new WriteCoalescer<MemberWrite, StoredGroup>({
    maxJobs: 64,
    maxSize: 5_000,
    sizeOf: (write) => write.remove.size + write.add.length,
  });
}

/**
 * Writes pure member changes of one group, together with those of other requests for the same
 * group that arrive meanwhile: concurrent member PATCHes of one group otherwise queue on its row
 * (its version changes with each), each waiting for the commit of the one before; on PostgreSQL
 * that capped 16 clients adding to one group at one commit per add. A batch is one transaction:
 * every request's audit entry, the changes applied in arrival order, one new version, which each
 * request answers with. It is as if the requests had run one after the other with no reader in
 * between, which no client could tell apart (none of them asked for a version).
 */
export function writeMembers(deps: ScimServiceDeps, write: MemberWrite): Promise<StoredGroup> {
  const { tenantId } = write.ctx;
  return deps.memberWrites.submit(`${tenantId}\u0000${write.groupId}`, write, (writes) =>
    inWriteTransaction(deps, async (tx) => {
      const now = deps.now().toISOString();
      const folded = new MemberChangeSet();
      const resolved = new Map<string, GroupMember>();
      for (const one of writes) {
        await recordAudit(tx, one.ctx, 'group.patch', 'Group', one.groupId, now, {
          membersAdded: one.add.length,
          membersRemoved: one.remove.size,
        });
        folded.removeMembers([...one.remove]);
        folded.addMembers(one.add);
        for (const member of one.add) resolved.set(member.value, member);
      }
      const adds = [...folded.add.keys()].map((value) => resolved.get(value)!);
      return tx.store.groups.updateMembers(tenantId, write.groupId, folded.toChanges(adds), {
        lastModified: now,
      });
    }),
  );
}
