/**
 * Runs a directory command against the store the options name: opens it, hands a
 * DirectoryService over, closes it, and turns directory and import errors into CLI errors.
 */
import { DirectoryImportError, DirectoryService, isDirectoryError } from '../directory/index.js';
import type { Store } from '../store/index.js';
import { CliError, type CliIo } from './io.js';
import { openCliStore, type StoreOptions, type StoreTuning } from './store-options.js';

export async function runWithDirectory<T>(
  options: StoreOptions,
  io: CliIo,
  work: (directory: DirectoryService, store: Store) => Promise<T>,
): Promise<T> {
  return runWithStore(options, io, (store) => work(new DirectoryService(store), store));
}

/** Like {@link runWithDirectory}, for commands that build their own DirectoryService. */
export async function runWithStore<T>(
  options: StoreOptions,
  io: CliIo,
  work: (store: Store) => Promise<T>,
  tuning: StoreTuning = {},
): Promise<T> {
  const store = await openCliStore(options, io, tuning);
  try {
    return await work(store);
  } catch (error) {
    if (isDirectoryError(error) || error instanceof DirectoryImportError) {
      throw new CliError(error.message, 1, { cause: error });
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Prints `value` as one JSON line. */
export function printJson(io: CliIo, value: unknown): void {
  io.out(`${JSON.stringify(value)}\n`);
}
