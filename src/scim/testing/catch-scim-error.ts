import { ScimError } from '../errors/scim-error.js';

/** Runs `run` and returns the ScimError it throws; fails the test if it throws nothing or anything else. */
export function catchScimError(run: () => unknown): ScimError {
  try {
    run();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}
