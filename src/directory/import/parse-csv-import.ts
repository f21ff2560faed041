/**
 * Parses a CSV of users: a header row of Graph attribute names (`userPrincipalName,givenName,
 * surname,accountEnabled,department,manager`, optionally `id`), then one user per row. Cells are
 * converted to the attribute's type by the model (`accountEnabled` true/false) and
 * `businessPhones` is split on `;`; an empty cell leaves the attribute unset on create and
 * clears it on update.
 */
import type { JsonObject } from '../../scim/index.js';
import { checkImportRecords } from './check-import-records.js';
import { CsvSyntaxError, readCsvRows, type CsvRow } from './csv-rows.js';
import { DirectoryImportError, IssueCollector } from './import-error.js';
import { fieldLocation, type ImportUser, type ParsedImport } from './parsed-import.js';
import {
  canonicalUserAttribute,
  checkRecordFields,
  isIgnoredKey,
  userAttributeNames,
} from './record-fields.js';

/** Columns whose cells hold several values. */
const LIST_COLUMNS = new Set(['businessPhones']);

export function parseCsvImport(text: string, file: string): ParsedImport {
  let rows: CsvRow[];
  try {
    rows = readCsvRows(text);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    throw new DirectoryImportError([{ file, line: error.line, message: `invalid CSV: ${error.message}` }], {
      cause: error,
    });
  }
  const issues = new IssueCollector(file);
  const [header, ...body] = rows;
  if (header === undefined) {
    issues.add(1, 'the file is empty: expected a header row such as userPrincipalName,givenName,surname');
    issues.throwIfAny();
    return { file, users: [], groups: [] };
  }
  const columns = readHeader(header, issues);
  issues.throwIfAny();

  const users: ImportUser[] = [];
  for (const [index, row] of body.entries()) {
    const origin = { line: row.line, location: `row ${index + 1}` };
    if (row.fields.length !== columns.length) {
      issues.add(
        row.line,
        `has ${row.fields.length} fields, the header has ${columns.length}`,
        origin.location,
      );
      continue;
    }
    const record: JsonObject = {};
    columns.forEach((column, c) => {
      const cell = row.fields[c] as string;
      if (column === undefined || (column === 'id' && cell.trim() === '')) return;
      record[column] =
        LIST_COLUMNS.has(column) && cell.trim() !== ''
          ? cell
              .split(';')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : cell;
    });
    const locate = (field: string) => fieldLocation(origin, field);
    const fields = checkRecordFields('user', record, origin, issues, locate);
    if (fields === undefined) continue;
    const upn = fields.attributes['userPrincipalName'];
    if (typeof upn !== 'string') {
      issues.add(row.line, 'is required', locate('userPrincipalName'), 'userPrincipalName');
      continue;
    }
    users.push({ ...origin, ...fields, userPrincipalName: upn });
  }
  const parsed: ParsedImport = { file, users, groups: [] };
  checkImportRecords(parsed, issues);
  issues.throwIfAny();
  return parsed;
}

/** Canonical attribute names per column; undefined for ignored columns (`@odata.*`). */
function readHeader(header: CsvRow, issues: IssueCollector): (string | undefined)[] {
  const seen = new Set<string>();
  const columns = header.fields.map((raw, index) => {
    const given = raw.trim();
    if (isIgnoredKey(given)) return undefined;
    const name = canonicalUserAttribute(given);
    const where = `header column ${index + 1}`;
    if (name === undefined) {
      issues.add(
        header.line,
        `unknown column "${given}"; valid columns: ${userAttributeNames().join(', ')}`,
        where,
        given,
      );
      return undefined;
    }
    if (seen.has(name)) issues.add(header.line, `column "${given}" appears twice`, where, given);
    seen.add(name);
    return name;
  });
  if (!seen.has('userPrincipalName'))
    issues.add(header.line, 'the header has no userPrincipalName column', 'header');
  return columns;
}
