import { StoreError } from '../errors.js';
import type { DriverFailure, StoreDialect } from './store-dialect.js';

/**
 * Runs a database call and turns driver errors into store errors: `explain` names the conflict
 * for the failures it recognises; any other driver error becomes a StoreError with the cause, so
 * no driver error crosses src/store.
 */
export async function translating<T>(
  dialect: StoreDialect,
  work: () => Promise<T>,
  explain: (failure: DriverFailure) => Error | undefined = () => undefined,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateError(dialect, error, explain);
  }
}

export function translateError(
  dialect: StoreDialect,
  error: unknown,
  explain: (failure: DriverFailure) => Error | undefined,
): Error {
  if (error instanceof StoreError) return error;
  const failure = dialect.classifyError(error);
  const explained = failure === undefined ? undefined : explain(failure);
  if (explained !== undefined) return explained;
  if (error instanceof Error && failure === undefined && !isDriverError(error)) return error;
  return new StoreError(error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * Driver errors carry a code of their own shape: `SQLITE_*` from better-sqlite3, a five-character
 * SQLSTATE from pg. Domain errors with other codes thrown inside a transaction pass through as they are.
 */
function isDriverError(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_') || /^[0-9A-Z]{5}$/.test(code));
}
