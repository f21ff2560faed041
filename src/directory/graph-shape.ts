import type { DirectoryGroupRecord, DirectoryUserRecord } from '../store/index.js';
import type { GraphGroup, GraphUser } from './directory-api.js';

/** A user as Graph shows it: `id`, its attributes, `manager` as an id, and the dates. */
export function toGraphUser(record: DirectoryUserRecord): GraphUser {
  return {
    id: record.id,
    ...record.attributes,
    userPrincipalName: String(record.attributes.userPrincipalName),
    ...(record.managerId === undefined ? {} : { manager: record.managerId }),
    createdDateTime: record.createdDateTime,
    ...(record.deletedDateTime === undefined ? {} : { deletedDateTime: record.deletedDateTime }),
  };
}

export function toGraphGroup(record: DirectoryGroupRecord): GraphGroup {
  return {
    id: record.id,
    ...record.attributes,
    displayName: String(record.attributes.displayName),
    createdDateTime: record.createdDateTime,
    ...(record.deletedDateTime === undefined ? {} : { deletedDateTime: record.deletedDateTime }),
  };
}
