/**
 * Rules across the records of one file: a userPrincipalName (case-insensitive) or an id may
 * appear once; both records of a clash are named. References to the directory are checked by
 * the importer, which can see it.
 */
import type { IssueCollector } from './import-error.js';
import { fieldLocation, type ParsedImport, type RecordOrigin } from './parsed-import.js';

export function checkImportRecords(parsed: ParsedImport, issues: IssueCollector): void {
  const unique = <T extends RecordOrigin>(
    records: readonly T[],
    keyOf: (record: T) => string | undefined,
    field: string,
    show: (record: T) => string,
  ): void => {
    const seen = new Map<string, T>();
    for (const record of records) {
      const key = keyOf(record);
      if (key === undefined) continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, record);
        continue;
      }
      issues.add(
        record.line,
        `duplicate ${field} "${show(record)}": also at line ${first.line} (${first.location})`,
        fieldLocation(record, field),
        field,
      );
    }
  };
  unique(
    parsed.users,
    (u) => u.userPrincipalName.toLowerCase(),
    'userPrincipalName',
    (u) => u.userPrincipalName,
  );
  unique(
    parsed.users,
    (u) => u.id?.toLowerCase(),
    'id',
    (u) => u.id ?? '',
  );
  unique(
    parsed.groups,
    (g) => g.id?.toLowerCase(),
    'id',
    (g) => g.id ?? '',
  );
  const userIds = new Set(parsed.users.map((u) => u.id?.toLowerCase()));
  for (const group of parsed.groups) {
    if (group.id !== undefined && userIds.has(group.id.toLowerCase())) {
      issues.add(
        group.line,
        `id "${group.id}" is also a user's id in this file`,
        fieldLocation(group, 'id'),
        'id',
      );
    }
  }
}
