/**
 * Matches a parsed file against the directory before anything is written: which records create
 * and which update (by id, else by userPrincipalName / displayName), and what every manager and
 * member reference points at. Every dangling reference or clash is an issue with its line.
 */
import type { DirectoryGroupRecord, DirectoryMember, DirectoryUserRecord } from '../../store/index.js';
import type { DirectorySnapshot } from './directory-snapshot.js';
import { IssueCollector } from './import-error.js';
import { fieldLocation, type ImportGroup, type ImportUser, type ParsedImport } from './parsed-import.js';

export interface UserPlan {
  readonly record: ImportUser;
  readonly id: string;
  readonly existing: DirectoryUserRecord | undefined;
  /** The manager id to set, null to clear, undefined to keep. */
  readonly managerId: string | null | undefined;
}

export interface GroupPlan {
  readonly record: ImportGroup;
  readonly id: string;
  readonly existing: DirectoryGroupRecord | undefined;
  /** The complete member list, or undefined to keep the members. */
  readonly members: readonly DirectoryMember[] | undefined;
}

export interface ImportPlan {
  readonly users: readonly UserPlan[];
  readonly groups: readonly GroupPlan[];
  /** Active users and groups the file does not name (soft-deleted with `replace`). */
  readonly absentUsers: readonly string[];
  readonly absentGroups: readonly string[];
}

export function resolveImport(
  parsed: ParsedImport,
  snapshot: DirectorySnapshot,
  newId: () => string,
): ImportPlan {
  const issues = new IssueCollector(parsed.file);
  const isActive = (record: { deletedDateTime: string | undefined } | undefined) =>
    record !== undefined && record.deletedDateTime === undefined;

  // Users: match, then check that no userPrincipalName ends up owned twice.
  const matchedUsers = parsed.users.map((record) => {
    const existing =
      record.id !== undefined
        ? snapshot.users.get(record.id)
        : snapshot.usersByUpn.get(record.userPrincipalName.toLowerCase());
    return { record, existing, id: existing?.id ?? record.id ?? newId() };
  });
  const fileUsersById = new Map(matchedUsers.map((u) => [u.id, u]));
  const fileUsersByUpn = new Map(matchedUsers.map((u) => [u.record.userPrincipalName.toLowerCase(), u]));
  for (const { record, id } of matchedUsers) {
    const owner = snapshot.usersByUpn.get(record.userPrincipalName.toLowerCase());
    if (owner !== undefined && owner.id !== id && !fileUsersById.has(owner.id)) {
      issues.add(
        record.line,
        `userPrincipalName "${record.userPrincipalName}" belongs to another user in the directory (${owner.id})`,
        fieldLocation(record, 'userPrincipalName'),
        'userPrincipalName',
      );
    }
  }
  const userIdOf = (ref: string): string | undefined =>
    fileUsersById.get(ref)?.id ??
    fileUsersByUpn.get(ref.toLowerCase())?.id ??
    (isActive(snapshot.users.get(ref)) ? ref : undefined) ??
    [snapshot.usersByUpn.get(ref.toLowerCase())].find(isActive)?.id;

  const users = matchedUsers.map(({ record, existing, id }): UserPlan => {
    let managerId: string | null | undefined = record.manager;
    if (typeof record.manager === 'string') {
      managerId = userIdOf(record.manager);
      const where = fieldLocation(record, 'manager');
      if (managerId === undefined) {
        issues.add(
          record.line,
          `manager "${record.manager}" is not a user in this file or the directory`,
          where,
          'manager',
        );
      } else if (managerId === id) {
        issues.add(record.line, 'a user cannot be their own manager', where, 'manager');
      }
    }
    return { record, id, existing, managerId };
  });

  // Groups: by id, else by displayName when exactly one active group has it.
  const groups: { record: ImportGroup; id: string; existing: DirectoryGroupRecord | undefined }[] = [];
  for (const record of parsed.groups) {
    let existing = record.id === undefined ? undefined : snapshot.groups.get(record.id);
    if (record.id === undefined) {
      const named = snapshot.groupsByName.get(record.displayName.toLowerCase()) ?? [];
      if (named.length > 1) {
        issues.add(
          record.line,
          `${named.length} groups are named "${record.displayName}": give this record an id to say which`,
          fieldLocation(record, 'displayName'),
          'displayName',
        );
      }
      existing = named.length === 1 ? named[0] : undefined;
    }
    groups.push({ record, existing, id: existing?.id ?? record.id ?? newId() });
  }
  const fileGroupIds = new Set(groups.map((g) => g.id));
  const seenNewNames = new Map<string, ImportGroup>();
  for (const { record, existing } of groups) {
    if (record.id !== undefined || existing !== undefined) continue;
    const key = record.displayName.toLowerCase();
    const first = seenNewNames.get(key);
    if (first !== undefined) {
      issues.add(
        record.line,
        `duplicate displayName "${record.displayName}" without an id: also at line ${first.line} (${first.location})`,
        fieldLocation(record, 'displayName'),
        'displayName',
      );
    } else seenNewNames.set(key, record);
  }

  const memberOf = (ref: string): DirectoryMember | undefined => {
    const userId = userIdOf(ref);
    if (userId !== undefined) return { id: userId, type: 'user' };
    if (fileGroupIds.has(ref) || isActive(snapshot.groups.get(ref))) return { id: ref, type: 'group' };
    return undefined;
  };
  const groupPlans = groups.map(({ record, id, existing }): GroupPlan => {
    if (record.members === undefined) return { record, id, existing, members: undefined };
    const members = new Map<string, DirectoryMember>();
    record.members.forEach((ref, index) => {
      const member = memberOf(ref);
      const where = `${fieldLocation(record, 'members')}[${index}]`;
      if (member === undefined) {
        issues.add(
          record.line,
          `member "${ref}" is not a user or group in this file or the directory`,
          where,
          'members',
        );
      } else if (member.id === id) {
        issues.add(record.line, 'a group cannot be a member of itself', where, 'members');
      } else members.set(member.id, member);
    });
    return { record, id, existing, members: [...members.values()] };
  });
  issues.throwIfAny();

  const absentUsers = [...snapshot.users.values()]
    .filter((u) => isActive(u) && !fileUsersById.has(u.id))
    .map((u) => u.id);
  const absentGroups = [...snapshot.groups.values()]
    .filter((g) => isActive(g) && !fileGroupIds.has(g.id))
    .map((g) => g.id);
  return { users, groups: groupPlans, absentUsers, absentGroups };
}
