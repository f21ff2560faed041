/**
 * Parses a Graph-shaped JSON import file `{"users": [...], "groups": [{..., "members": [ids]}]}`.
 * Every record is checked before anything is returned; all problems are reported together with
 * the file, the line the record starts on, its location and the field.
 */
import type { JsonObject } from '../../scim/index.js';
import { checkImportRecords } from './check-import-records.js';
import { DirectoryImportError, IssueCollector } from './import-error.js';
import { LineIndex, scanJson } from './json-record-lines.js';
import type { ImportGroup, ImportUser, ParsedImport, RecordOrigin } from './parsed-import.js';
import { checkRecordFields, describeJson } from './record-fields.js';

export function parseJsonImport(text: string, file: string): ParsedImport {
  const lines = new LineIndex(text);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const scan = scanJson(text);
    const offset = scan.ok ? 0 : scan.offset;
    const { line, column } = lines.position(offset);
    const found =
      offset < text.length ? `unexpected ${JSON.stringify(text[offset])}` : 'unexpected end of input';
    throw new DirectoryImportError([{ file, line, message: `invalid JSON at column ${column}: ${found}` }], {
      cause: error,
    });
  }
  const issues = new IssueCollector(file);
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    issues.add(1, 'the file must hold an object {"users": [...], "groups": [...]}');
    issues.throwIfAny();
  }
  const scan = scanJson(text);
  const offsetsOf = (key: string) => (scan.ok ? scan.elementOffsets.get(key) : undefined) ?? [];
  const root = document as JsonObject;
  for (const key of Object.keys(root)) {
    if (key !== 'users' && key !== 'groups' && !key.startsWith('@odata.')) {
      issues.add(1, `unknown top-level key "${key}" (expected "users" and "groups")`, key);
    }
  }
  const records = (key: 'users' | 'groups'): { value: JsonObject; origin: RecordOrigin }[] => {
    const list = root[key];
    if (list === undefined) return [];
    if (!Array.isArray(list)) {
      issues.add(1, `must be an array, got ${describeJson(list)}`, key);
      return [];
    }
    const offsets = offsetsOf(key);
    const objects: { value: JsonObject; origin: RecordOrigin }[] = [];
    list.forEach((value: unknown, index) => {
      const origin = { line: lines.line(offsets[index] ?? 0), location: `${key}[${index}]` };
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        issues.add(origin.line, `must be an object, got ${describeJson(value)}`, origin.location);
      } else objects.push({ value: value as JsonObject, origin });
    });
    return objects;
  };

  const users: ImportUser[] = [];
  for (const { value, origin } of records('users')) {
    const locate = (field: string) => `${origin.location}.${field}`;
    const fields = checkRecordFields('user', value, origin, issues, locate);
    if (fields === undefined) continue;
    const upn = fields.attributes['userPrincipalName'];
    if (typeof upn !== 'string') {
      issues.add(origin.line, 'is required', locate('userPrincipalName'), 'userPrincipalName');
      continue;
    }
    users.push({ ...origin, ...fields, userPrincipalName: upn });
  }

  const groups: ImportGroup[] = [];
  for (const { value, origin } of records('groups')) {
    const locate = (field: string) => `${origin.location}.${field}`;
    const { members: memberList, ...rest } = value;
    const members = readMembers(memberList, origin, issues, locate('members'));
    const fields = checkRecordFields('group', rest, origin, issues, locate);
    if (fields === undefined || members === null) continue;
    const name = fields.attributes['displayName'];
    if (typeof name !== 'string' || name.trim() === '') {
      issues.add(origin.line, 'is required', locate('displayName'), 'displayName');
      continue;
    }
    groups.push({
      ...origin,
      id: fields.id,
      attributes: fields.attributes,
      createdDateTime: fields.createdDateTime,
      displayName: name,
      members,
    });
  }
  const parsed: ParsedImport = { file, users, groups };
  checkImportRecords(parsed, issues);
  issues.throwIfAny();
  return parsed;
}

/** Member references: ids (or userPrincipalNames) as strings, or `{"id": …}` objects; null when invalid. */
function readMembers(
  value: unknown,
  origin: RecordOrigin,
  issues: IssueCollector,
  location: string,
): string[] | undefined | null {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) {
    issues.add(
      origin.line,
      `must be an array of member ids, got ${describeJson(value)}`,
      location,
      'members',
    );
    return null;
  }
  const ids: string[] = [];
  let ok = true;
  value.forEach((item: unknown, index) => {
    const ref =
      typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as JsonObject)['id'] : item;
    if (typeof ref === 'string' && ref.trim() !== '') ids.push(ref.trim());
    else {
      issues.add(
        origin.line,
        `must be a member id, got ${describeJson(item)}`,
        `${location}[${index}]`,
        'members',
      );
      ok = false;
    }
  });
  return ok ? ids : null;
}
