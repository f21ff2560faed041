/**
 * Applies a parsed import file to the directory in ONE transaction: a problem found anywhere
 * (a dangling reference, a clash with the directory, a store error) writes nothing. Reads are
 * batched (the whole directory in large pages) and writes are one store call per changed
 * object or per group's membership change, never per attribute.
 */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../../scim/index.js';
import { StoreError, type DirectoryMember, type DirectoryStore, type Store } from '../../store/index.js';
import { mergeAttributes } from '../attribute-rules.js';
import type { ImportCounts } from '../directory-api.js';
import { isDirectoryError } from '../errors.js';
import { completeGroupAttributes } from '../group-model.js';
import { checkUserUpdate, newUserAttributes } from '../user-model.js';
import { DirectoryImportError } from './import-error.js';
import { readDirectorySnapshot } from './directory-snapshot.js';
import type { ParsedImport, RecordOrigin } from './parsed-import.js';
import { resolveImport, type GroupPlan, type UserPlan } from './resolve-import.js';

export interface ImportOptions {
  /** The file is the whole truth: active users and groups it does not name are soft-deleted. */
  readonly replace?: boolean;
  /** Clock and id source (tests). */
  readonly now?: () => string;
  readonly newId?: () => string;
}

const PAGE_SIZE = 5000;
/** Rows per bulk create call (the store splits further by its parameter limit). */
const BATCH = 1000;

export async function importDirectory(
  store: Store,
  parsed: ParsedImport,
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const at = (options.now ?? (() => new Date().toISOString()))();
  const newId = options.newId ?? randomUUID;
  return store.transaction(async (tx) => {
    const directory = tx.directory;
    const plan = resolveImport(parsed, await readDirectorySnapshot(directory), newId);
    const users = await writeUsers(directory, plan.users, at, parsed.file);
    const groups = await writeGroups(directory, plan.groups, at, parsed.file);
    let usersDeleted = 0;
    let groupsDeleted = 0;
    if (options.replace === true) {
      for (const id of plan.absentGroups) if (await directory.softDeleteGroup(id, at)) groupsDeleted++;
      for (const id of plan.absentUsers) if (await directory.softDeleteUser(id, at)) usersDeleted++;
    }
    return { ...users, ...groups, usersDeleted, groupsDeleted };
  });
}

async function writeUsers(
  directory: DirectoryStore,
  users: readonly UserPlan[],
  at: string,
  parsedFile: string,
) {
  const created = users.filter((u) => u.existing === undefined);
  const { levels, cyclic } = managerLevels(created);
  // Level by level, so a new user's manager (new too) is always written in an earlier batch.
  for (const level of levels) {
    for (let i = 0; i < level.length; i += BATCH) {
      const batch = level.slice(i, i + BATCH);
      const records = batch.map((user) => ({
        id: user.id,
        attributes: newUserAttributes(user.record.attributes),
        managerId: typeof user.managerId === 'string' && !cyclic.has(user.id) ? user.managerId : undefined,
        createdDateTime: user.record.createdDateTime ?? at,
      }));
      await atRecord(batch[0]?.record, parsedFile, () => directory.createUsers(records, at));
    }
  }
  let usersUpdated = 0;
  for (const user of users) {
    const existing = user.existing;
    if (existing === undefined) continue;
    await atRecord(user.record, parsedFile, async () => {
      let changed = false;
      if (existing.deletedDateTime !== undefined) changed = await directory.restoreUser(existing.id, at);
      const attributes = checkUserUpdate(mergeAttributes(existing.attributes, user.record.attributes));
      const managerId = user.managerId === undefined ? existing.managerId : (user.managerId ?? undefined);
      if (!sameJson(attributes, existing.attributes) || managerId !== existing.managerId) {
        await directory.updateUser(existing.id, attributes, managerId, at);
        changed = true;
      }
      if (changed) usersUpdated++;
    });
  }
  // Managers within a cycle of new users (A manages B manages A) are set once all exist.
  for (const user of created) {
    if (!cyclic.has(user.id) || typeof user.managerId !== 'string') continue;
    const current = await directory.getUser(user.id);
    if (current !== undefined) await directory.updateUser(user.id, current.attributes, user.managerId, at);
  }
  return { usersCreated: created.length, usersUpdated };
}

/** New users grouped by how many new managers stand above them; users in manager cycles apart. */
function managerLevels(created: readonly UserPlan[]): { levels: UserPlan[][]; cyclic: Set<string> } {
  const byId = new Map(created.map((u) => [u.id, u]));
  const depth = new Map<string, number>();
  const cyclic = new Set<string>();
  const depthOf = (start: UserPlan): number => {
    const chain: UserPlan[] = [];
    const onChain = new Set<string>();
    let user: UserPlan | undefined = start;
    let base = 0;
    while (user !== undefined) {
      const known = depth.get(user.id);
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      if (onChain.has(user.id)) {
        // A cycle: its members get no manager now (depth 0) and are fixed up afterwards.
        for (let i = chain.findIndex((u) => u.id === user?.id); i < chain.length; i++) {
          const member = chain[i] as UserPlan;
          cyclic.add(member.id);
          depth.set(member.id, 0);
        }
        chain.splice(chain.findIndex((u) => cyclic.has(u.id)));
        base = 1;
        break;
      }
      chain.push(user);
      onChain.add(user.id);
      user = typeof user.managerId === 'string' ? byId.get(user.managerId) : undefined;
    }
    for (let i = chain.length - 1; i >= 0; i--)
      depth.set((chain[i] as UserPlan).id, base + (chain.length - 1 - i));
    return depth.get(start.id) ?? 0;
  };
  const levels: UserPlan[][] = [];
  for (const user of created) {
    const d = depthOf(user);
    (levels[d] ??= []).push(user);
  }
  return { levels: levels.filter((level) => level !== undefined), cyclic };
}

async function writeGroups(
  directory: DirectoryStore,
  groups: readonly GroupPlan[],
  at: string,
  parsedFile: string,
) {
  let groupsCreated = 0;
  let groupsUpdated = 0;
  const created = groups.filter((g) => g.existing === undefined);
  for (let i = 0; i < created.length; i += BATCH) {
    const batch = created.slice(i, i + BATCH);
    const records = batch.map((group) => ({
      id: group.id,
      attributes: completeGroupAttributes(group.record.attributes),
      createdDateTime: group.record.createdDateTime ?? at,
    }));
    await atRecord(batch[0]?.record, parsedFile, () => directory.createGroups(records, at));
  }
  groupsCreated = created.length;
  for (const group of groups) {
    const existing = group.existing;
    if (existing === undefined) continue;
    await atRecord(group.record, parsedFile, async () => {
      let changed = false;
      if (existing.deletedDateTime !== undefined) changed = await directory.restoreGroup(existing.id, at);
      const attributes = completeGroupAttributes(
        mergeAttributes(existing.attributes, group.record.attributes),
      );
      if (!sameJson(attributes, existing.attributes)) {
        await directory.updateGroup(existing.id, attributes, at);
        changed = true;
      }
      if (changed) groupsUpdated++;
    });
  }
  // Members after every group exists: a group may list a group that comes later in the file.
  let membershipsAdded = 0;
  let membershipsRemoved = 0;
  for (const group of groups) {
    if (group.members === undefined) continue;
    const current =
      group.existing === undefined
        ? new Map<string, DirectoryMember>()
        : await currentMembers(directory, group.id);
    const add = group.members.filter((m) => !current.has(m.id));
    const keep = new Set(group.members.map((m) => m.id));
    const remove = [...current.keys()].filter((id) => !keep.has(id));
    if (add.length > 0) membershipsAdded += await directory.addMembers(group.id, add, at);
    if (remove.length > 0) membershipsRemoved += await directory.removeMembers(group.id, remove, at);
  }
  return { groupsCreated, groupsUpdated, membershipsAdded, membershipsRemoved };
}

async function currentMembers(
  directory: DirectoryStore,
  groupId: string,
): Promise<Map<string, DirectoryMember>> {
  const members = new Map<string, DirectoryMember>();
  let after: string | undefined;
  do {
    const page = await directory.listMembers(
      groupId,
      after === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, after },
    );
    for (const member of page.items) members.set(member.id, member);
    after = page.next;
  } while (after !== undefined);
  return members;
}

/** A model or store rule broken while writing a record names that record (and rolls back). */
async function atRecord(
  origin: RecordOrigin | undefined,
  file: string,
  write: () => Promise<unknown>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDirectoryError(error) && !(error instanceof StoreError)) throw error;
    const where = origin === undefined ? { line: 1 } : { line: origin.line, location: origin.location };
    throw new DirectoryImportError([{ file, ...where, message: error.message }], { cause: error });
  }
}

function sameJson(a: JsonObject, b: JsonObject): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && JSON.stringify(a[key]) === JSON.stringify(b[key]));
}
