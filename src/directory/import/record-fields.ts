/**
 * Checks one record of an import file with the directory's own model rules (user-model.ts,
 * group-model.ts), one field at a time so every bad field of a record is reported, not only the
 * first. Keys that describe rather than define an exported object (`@odata.*`, `deletedDateTime`)
 * are ignored so a Graph export imports unchanged.
 */
import type { JsonObject } from '../../scim/index.js';
import { isDirectoryError } from '../errors.js';
import { parseGroupInput } from '../group-model.js';
import { parseUserInput, USER_ATTRIBUTES } from '../user-model.js';
import type { IssueCollector } from './import-error.js';
import type { RecordOrigin } from './parsed-import.js';

export interface RecordFields {
  readonly id: string | undefined;
  readonly attributes: JsonObject;
  readonly manager: string | null | undefined;
  readonly createdDateTime: string | undefined;
}

export type ObjectType = 'user' | 'group';

export function isIgnoredKey(name: string): boolean {
  return name === 'deletedDateTime' || name.startsWith('@odata.');
}

/** Every user column / flag name, for "unknown attribute" messages. */
export function userAttributeNames(): string[] {
  return ['id', ...Object.keys(USER_ATTRIBUTES), 'manager', 'createdDateTime', 'extension_<name>'];
}

/** The canonical spelling of a user attribute name, or undefined when the model does not know it. */
export function canonicalUserAttribute(name: string): string | undefined {
  if (/^extension_[A-Za-z0-9_]+$/.test(name)) return name;
  const lower = name.toLowerCase();
  return userAttributeNames().find((known) => known.toLowerCase() === lower && known !== 'extension_<name>');
}

/**
 * The record's checked fields, or undefined when any field is wrong (each one reported with the
 * record's line and `location.field`).
 */
export function checkRecordFields(
  objectType: ObjectType,
  record: JsonObject,
  origin: RecordOrigin,
  issues: IssueCollector,
  locate: (field: string) => string,
): RecordFields | undefined {
  // Fast path: a valid record is checked in one call; only a bad one is re-checked field by field.
  try {
    const clean = Object.fromEntries(Object.entries(record).filter(([name]) => !isIgnoredKey(name)));
    return objectType === 'user' ? parseUserInput(clean) : { ...parseGroupInput(clean), manager: undefined };
  } catch (error) {
    if (!isDirectoryError(error)) throw error;
  }
  const before = issues.issues.length;
  let fields: RecordFields = {
    id: undefined,
    attributes: {},
    manager: undefined,
    createdDateTime: undefined,
  };
  for (const [name, value] of Object.entries(record)) {
    if (isIgnoredKey(name) || value === undefined) continue;
    try {
      const parsed =
        objectType === 'user'
          ? parseUserInput({ [name]: value })
          : { ...parseGroupInput({ [name]: value }), manager: undefined };
      fields = {
        id: parsed.id ?? fields.id,
        attributes: { ...fields.attributes, ...parsed.attributes },
        manager: parsed.manager === undefined ? fields.manager : parsed.manager,
        createdDateTime: parsed.createdDateTime ?? fields.createdDateTime,
      };
    } catch (error) {
      if (!isDirectoryError(error)) throw error;
      issues.add(origin.line, problemOf(error.code, error.params, value), locate(name), name);
    }
  }
  return issues.issues.length === before ? fields : undefined;
}

function problemOf(code: string, params: Readonly<Record<string, string | number>>, value: unknown): string {
  if (code === 'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE')
    return `unknown attribute "${params['attribute']}"`;
  const reason = typeof params['reason'] === 'string' ? params['reason'] : 'invalid value';
  return `${reason}, got ${describeJson(value)}`;
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
