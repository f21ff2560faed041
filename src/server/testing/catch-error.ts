import { ScimsyncError } from '../errors.js';

/** The ScimsyncError `run` throws (sync or async), or undefined when it does not throw one. */
export function catchError(run: () => unknown): ScimsyncError | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimsyncError) return error;
    throw error;
  }
  return undefined;
}

export async function catchErrorAsync(run: () => Promise<unknown>): Promise<ScimsyncError | undefined> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ScimsyncError) return error;
    throw error;
  }
  return undefined;
}
