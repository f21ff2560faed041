import type { DriverFailure } from '../base/store-dialect.js';

/** pg's DatabaseError carries the SQLSTATE in `code` and the violated constraint's name. */
export function classifyPostgresError(error: unknown): DriverFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  const name = typeof constraint === 'string' ? constraint : error.message;
  if (code === '23505') return { kind: 'unique', constraint: name };
  if (code === '23503') return { kind: 'foreignKey', constraint: name };
  return undefined;
}
