import type {
  ApplicationRecord,
  DirectoryGroupRecord,
  DirectoryMember,
  DirectoryStore,
  DirectoryUserRecord,
} from '../store/index.js';
import { GUID } from './attribute-rules.js';
import { directoryError } from './errors.js';

/**
 * Finds users, groups and applications the way people name them: a GUID-shaped name is an id;
 * anything else is a userPrincipalName (case-insensitive), a group displayName (which must be
 * unambiguous) or an application name.
 */
export class DirectoryLookup {
  readonly #store: DirectoryStore;
  constructor(store: DirectoryStore) {
    this.#store = store;
  }

  findUser(idOrUpn: string, includeDeleted = false): Promise<DirectoryUserRecord | undefined> {
    const options = { includeDeleted };
    return GUID.test(idOrUpn)
      ? this.#store.getUser(idOrUpn.toLowerCase(), options)
      : this.#store.getUserByPrincipalName(idOrUpn, options);
  }

  /** @throws DirectoryError USER_NOT_FOUND */
  async user(idOrUpn: string, includeDeleted = false): Promise<DirectoryUserRecord> {
    const user = await this.findUser(idOrUpn, includeDeleted);
    if (user === undefined) throw directoryError('SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND', { user: idOrUpn });
    return user;
  }

  /** @throws DirectoryError GROUP_AMBIGUOUS when several live groups have that displayName. */
  async findGroup(idOrName: string): Promise<DirectoryGroupRecord | undefined> {
    if (GUID.test(idOrName)) return this.#store.getGroup(idOrName.toLowerCase());
    const groups = await this.#store.getGroupByDisplayName(idOrName);
    if (groups.length > 1) {
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_GROUP_AMBIGUOUS', {
        group: idOrName,
        count: groups.length,
      });
    }
    return groups[0];
  }

  /** @throws DirectoryError GROUP_NOT_FOUND, GROUP_AMBIGUOUS */
  async group(idOrName: string): Promise<DirectoryGroupRecord> {
    const group = await this.findGroup(idOrName);
    if (group === undefined)
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND', { group: idOrName });
    return group;
  }

  findApplication(idOrName: string): Promise<ApplicationRecord | undefined> {
    return GUID.test(idOrName)
      ? this.#store.getApplication(idOrName.toLowerCase())
      : this.#store.getApplicationByName(idOrName);
  }

  /** @throws DirectoryError APPLICATION_NOT_FOUND */
  async application(idOrName: string): Promise<ApplicationRecord> {
    const app = await this.findApplication(idOrName);
    if (app === undefined) {
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_APPLICATION_NOT_FOUND', { application: idOrName });
    }
    return app;
  }

  /**
   * A live user or group by id (of the given type when known), UPN or group name.
   * @throws DirectoryError MEMBER_NOT_FOUND
   */
  async member(reference: string, type?: DirectoryMember['type']): Promise<DirectoryMember> {
    if (type !== 'group') {
      const user = await this.findUser(reference);
      if (user !== undefined) return { id: user.id, type: 'user' };
    }
    if (type !== 'user') {
      const group = await this.findGroup(reference);
      if (group !== undefined) return { id: group.id, type: 'group' };
    }
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_MEMBER_NOT_FOUND', { member: reference });
  }

  /** Whether `ancestor` is `group` or contains it through nested membership (breadth-first, upward). */
  async contains(ancestor: string, group: string): Promise<boolean> {
    const seen = new Set<string>([group]);
    let frontier = [group];
    while (frontier.length > 0) {
      if (frontier.includes(ancestor)) return true;
      const parents = await this.#store.groupsOf(frontier);
      frontier = [...parents.values()].flat().filter((id) => !seen.has(id));
      for (const id of frontier) seen.add(id);
    }
    return false;
  }

  /**
   * The assignee: exactly one of a live user (id or UPN) and a live group (id or name).
   * @throws DirectoryError INVALID_PRINCIPAL, USER_NOT_FOUND, GROUP_NOT_FOUND
   */
  async principal(principal: { user?: string; group?: string }): Promise<DirectoryMember> {
    if (principal.user !== undefined && principal.group === undefined) {
      return { id: (await this.user(principal.user)).id, type: 'user' };
    }
    if (principal.group !== undefined && principal.user === undefined) {
      return { id: (await this.group(principal.group)).id, type: 'group' };
    }
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_PRINCIPAL');
  }
}
