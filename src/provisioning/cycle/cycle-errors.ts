import { ScimClientError } from '../scim-client/index.js';

/** Codes that mean the target refuses us altogether: stop the cycle instead of failing every object. */
export const FATAL_CODES = new Set(['Unauthorized', 'Forbidden']);

export class CycleAbortedError extends Error {
  readonly code = 'SCIMSYNC_ERR_CYCLE_ABORTED';
  override readonly name = 'CycleAbortedError';
}

export class UniqueValueError extends Error {
  readonly code = 'SCIMSYNC_ERR_NO_UNIQUE_VALUE';
  override readonly name = 'UniqueValueError';
}

export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ScimClientError && FATAL_CODES.has(error.code)) {
      throw new CycleAbortedError(`the target refused the cycle's credentials: ${error.message}`, {
        cause: error,
      });
    }
    throw error;
  }
}
