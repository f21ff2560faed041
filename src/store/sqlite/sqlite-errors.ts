import type { DriverFailure } from '../base/store-dialect.js';

/**
 * better-sqlite3 throws SqliteError with an extended result code: SQLITE_CONSTRAINT_UNIQUE /
 * _PRIMARYKEY for unique indexes and keys, SQLITE_CONSTRAINT_FOREIGNKEY for references. The
 * message names the columns (`UNIQUE constraint failed: scim_resources.tenant_id, …`).
 */
export function classifySqliteError(error: unknown): DriverFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { kind: 'unique', constraint: error.message };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return { kind: 'foreignKey', constraint: error.message };
  return undefined;
}
