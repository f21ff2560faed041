import type { JsonObject } from '../../scim/index.js';
import type { Database } from '../database.js';
import type {
  AppRole,
  ApplicationRecord,
  AssignmentRecord,
  DirectoryGroupRecord,
  DirectoryUserRecord,
  PrincipalType,
} from '../directory-store.js';
import { decodePosition, encodePosition } from './position.js';
import type { StoreDialect } from './store-dialect.js';

export function toUserRecord(row: Database['dir_users'], dialect: StoreDialect): DirectoryUserRecord {
  return {
    id: row.id,
    attributes: dialect.decodeJson(row.attributes),
    managerId: row.manager_id ?? undefined,
    createdDateTime: row.created,
    deletedDateTime: row.deleted_at ?? undefined,
    version: Number(row.version),
  };
}

export function toGroupRecord(row: Database['dir_groups'], dialect: StoreDialect): DirectoryGroupRecord {
  return {
    id: row.id,
    attributes: dialect.decodeJson(row.attributes),
    createdDateTime: row.created,
    deletedDateTime: row.deleted_at ?? undefined,
    version: Number(row.version),
  };
}

export function toApplicationRecord(
  row: Database['dir_applications'],
  dialect: StoreDialect,
): ApplicationRecord {
  return {
    id: row.id,
    name: row.name,
    appRoles: dialect.decodeJson(row.app_roles) as unknown as AppRole[],
    createdDateTime: row.created,
  };
}

export function toAssignmentRecord(row: Database['dir_assignments']): AssignmentRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    principalId: row.principal_id,
    principalType: row.principal_type as PrincipalType,
    appRoleId: row.app_role_id,
    createdDateTime: row.created,
  };
}

/** Names of the attributes whose values differ (order of object keys does not matter). */
export function changedAttributeNames(before: JsonObject, after: JsonObject): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => !sameJson(before[name], after[name])).sort();
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => key in right && sameJson(left[key], right[key]));
}

/** Keyset positions of the directory's id-ordered listings, bound to the listing (`kind`). */
export function encodeAfter(kind: string, id: string): string {
  return encodePosition(`dir:${kind}`, { sortValue: null, id });
}

/** @throws InvalidPosition for a position another listing produced. */
export function decodeAfter(kind: string, after: string | undefined): string | undefined {
  return after === undefined ? undefined : decodePosition(after, `dir:${kind}`).id;
}

/** Cuts the `limit + 1` rows read into a page and its next position. */
export function toPage<R, T>(
  rows: readonly R[],
  limit: number,
  kind: string,
  idOf: (row: R) => string,
  map: (row: R) => T,
): { items: T[]; next: string | undefined } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    next: rows.length > limit && last !== undefined ? encodeAfter(kind, idOf(last)) : undefined,
  };
}

/** The string value of a text attribute (the service validated it), or empty. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
