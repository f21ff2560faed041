/**
 * The directory as the importer needs to see it: every user and group (active and in the
 * recycle bin) keyed by id, userPrincipalName and displayName, read in large pages so a
 * 100,000-user directory costs a few dozen queries.
 */
import type {
  DirectoryGroupRecord,
  DirectoryStore,
  DirectoryUserRecord,
  Page,
  PageRequest,
} from '../../store/index.js';

const PAGE_SIZE = 5000;

export interface DirectorySnapshot {
  readonly users: ReadonlyMap<string, DirectoryUserRecord>;
  readonly usersByUpn: ReadonlyMap<string, DirectoryUserRecord>;
  readonly groups: ReadonlyMap<string, DirectoryGroupRecord>;
  /** Lower-cased displayName → groups (Graph does not make names unique). */
  readonly groupsByName: ReadonlyMap<string, readonly DirectoryGroupRecord[]>;
}

async function readAll<T extends { id: string }>(
  list: (page: PageRequest) => Promise<Page<T>>,
  into: Map<string, T>,
): Promise<void> {
  let after: string | undefined;
  do {
    const page = await list(after === undefined ? { limit: PAGE_SIZE } : { limit: PAGE_SIZE, after });
    for (const item of page.items) into.set(item.id, item);
    after = page.next;
  } while (after !== undefined);
}

export async function readDirectorySnapshot(directory: DirectoryStore): Promise<DirectorySnapshot> {
  const users = new Map<string, DirectoryUserRecord>();
  const groups = new Map<string, DirectoryGroupRecord>();
  await readAll((page) => directory.listUsers(page), users);
  await readAll((page) => directory.listUsers({ ...page, deleted: true }), users);
  await readAll((page) => directory.listGroups(page), groups);
  await readAll((page) => directory.listGroups({ ...page, deleted: true }), groups);
  const usersByUpn = new Map<string, DirectoryUserRecord>();
  for (const user of users.values()) {
    const upn = user.attributes['userPrincipalName'];
    if (typeof upn === 'string') usersByUpn.set(upn.toLowerCase(), user);
  }
  const groupsByName = new Map<string, DirectoryGroupRecord[]>();
  for (const group of groups.values()) {
    const name = group.attributes['displayName'];
    if (typeof name !== 'string' || group.deletedDateTime !== undefined) continue;
    const key = name.toLowerCase();
    groupsByName.set(key, [...(groupsByName.get(key) ?? []), group]);
  }
  return { users, usersByUpn, groups, groupsByName };
}
