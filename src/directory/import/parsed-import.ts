/** What a parsed import file holds, format-neutral, each record knowing where it came from. */
import type { JsonObject } from '../../scim/index.js';

export interface RecordOrigin {
  /** 1-based line where the record starts. */
  readonly line: number;
  /** `users[12]` (JSON) or `row 12` (CSV). */
  readonly location: string;
}

export interface ImportUser extends RecordOrigin {
  readonly id: string | undefined;
  readonly userPrincipalName: string;
  /** Graph attributes to set (without `id` and `manager`); `null` clears. */
  readonly attributes: JsonObject;
  /** Manager id or userPrincipalName; `null` clears; undefined leaves as is. */
  readonly manager: string | null | undefined;
  /** Kept from the file (a Graph export) for new users. */
  readonly createdDateTime: string | undefined;
}

export interface ImportGroup extends RecordOrigin {
  readonly id: string | undefined;
  readonly displayName: string;
  readonly attributes: JsonObject;
  /** Member ids (users or groups, in the file or the directory); undefined leaves members as they are. */
  readonly members: readonly string[] | undefined;
  readonly createdDateTime: string | undefined;
}

export interface ParsedImport {
  readonly file: string;
  readonly users: readonly ImportUser[];
  readonly groups: readonly ImportGroup[];
}

/** `users[3].surname` for JSON records, `row 3, column surname` for CSV rows. */
export function fieldLocation(origin: RecordOrigin, field: string): string {
  return origin.location.startsWith('row ')
    ? `${origin.location}, column ${field}`
    : `${origin.location}.${field}`;
}
