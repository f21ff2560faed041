import type { DirectoryMember, Page, PageRequest, PrincipalType } from '../directory-store.js';
import { decodeAfter, toPage } from './directory-rows.js';
import { chunk } from './store-dialect.js';
import { KyselyDirectoryApplications } from './directory-applications.js';
import { memberChange } from './directory-base.js';

/** Direct group memberships (nesting is a member of type group), changed in O(members changed). */
export class KyselyDirectoryMembers extends KyselyDirectoryApplications {
  async addMembers(groupId: string, members: readonly DirectoryMember[], at: string): Promise<number> {
    const unique = [...new Map(members.map((m) => [m.id, m])).values()];
    return this.write(async (db, changes) => {
      await this.requireRow(db, 'dir_groups', 'Group', groupId);
      let added = 0;
      for (const part of chunk(unique, 3, this.context.dialect.maxParameters)) {
        const rows = await db
          .insertInto('dir_group_members')
          .values(part.map((m) => ({ group_id: groupId, member_id: m.id, member_type: m.type })))
          .onConflict((c) => c.columns(['group_id', 'member_id']).doNothing())
          .returning(['member_id', 'member_type'])
          .execute();
        added += rows.length;
        for (const row of rows) changes.push(memberChange('memberAdded', groupId, row, at));
      }
      return added;
    });
  }

  async removeMembers(groupId: string, memberIds: readonly string[], at: string): Promise<number> {
    return this.write(async (db, changes) => {
      let removed = 0;
      for (const part of chunk([...new Set(memberIds)], 1, this.context.dialect.maxParameters)) {
        const rows = await db
          .deleteFrom('dir_group_members')
          .where('group_id', '=', groupId)
          .where('member_id', 'in', part)
          .returning(['member_id', 'member_type'])
          .execute();
        removed += rows.length;
        for (const row of rows) changes.push(memberChange('memberRemoved', groupId, row, at));
      }
      return removed;
    });
  }

  async listMembers(groupId: string, page: PageRequest): Promise<Page<DirectoryMember>> {
    const after = decodeAfter(`members:${groupId}`, page.after);
    return this.read(async (db) => {
      let query = db.selectFrom('dir_group_members').selectAll().where('group_id', '=', groupId);
      if (after !== undefined) query = query.where('member_id', '>', after);
      const rows = await query
        .orderBy('member_id')
        .limit(page.limit + 1)
        .execute();
      return toPage(
        rows,
        page.limit,
        `members:${groupId}`,
        (r) => r.member_id,
        (r) => ({ id: r.member_id, type: r.member_type as PrincipalType }),
      );
    });
  }

  async groupsOf(memberIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.read(async (db) => {
      const groups = new Map<string, string[]>();
      for (const part of chunk([...new Set(memberIds)], 1, this.context.dialect.maxParameters)) {
        const rows = await db
          .selectFrom('dir_group_members')
          .select(['group_id', 'member_id'])
          .where('member_id', 'in', part)
          .orderBy('group_id')
          .execute();
        for (const row of rows) {
          const list = groups.get(row.member_id) ?? [];
          list.push(row.group_id);
          groups.set(row.member_id, list);
        }
      }
      return groups;
    });
  }
}
