/**
 * Runs a provisioning command: opens the store and the secret key, hands a ProvisioningService
 * over, and turns the engine's errors into CLI errors (with file:line for input files).
 */
import {
  ExpressionSyntaxError,
  ProvisioningError,
  ProvisioningService,
  SecretDecryptionError,
  CycleAbortedError,
  MappingValidationError,
} from '../provisioning/index.js';
import { CliError, type CliIo } from './io.js';
import { lineAndColumn } from './json-input.js';
import { jsonPathOffsets, locatePath } from './json-path-offsets.js';
import { runWithStore } from './run-with-directory.js';
import type { StoreTuning } from './store-options.js';
import { loadSecretBox, type SecretKeyOptions } from './secret-key.js';

/** Where input came from, so issues can name the file and line. */
export interface InputSource {
  readonly file: string;
  readonly text: string;
  /** The JSON path of the parsed document inside the mappings (`users.scoping` for a scoping file). */
  readonly prefix?: string;
}

export async function runWithProvisioning<T>(
  options: SecretKeyOptions,
  io: CliIo,
  work: (service: ProvisioningService) => Promise<T>,
  input?: InputSource,
  tuning: StoreTuning = {},
): Promise<T> {
  const secrets = await loadSecretBox(options, io);
  return runWithStore(
    options,
    io,
    async (store) => {
      try {
        return await work(new ProvisioningService(store, secrets));
      } catch (error) {
        if (error instanceof ProvisioningError) {
          if (input !== undefined && error.issues.length > 0) {
            throw new CliError(`${error.message.split('\n')[0]}\n${locateIssues(error, input)}`, 1, {
              cause: error,
            });
          }
          throw new CliError(error.message, 1, { cause: error });
        }
        if (
          error instanceof MappingValidationError ||
          error instanceof SecretDecryptionError ||
          error instanceof CycleAbortedError ||
          error instanceof ExpressionSyntaxError
        ) {
          throw new CliError(error.message, 1, { cause: error });
        }
        throw error;
      }
    },
    tuning,
  );
}

function locateIssues(error: ProvisioningError, input: InputSource): string {
  const offsets = jsonPathOffsets(input.text);
  return error.issues
    .map((issue) => {
      const relative =
        input.prefix === undefined
          ? issue.path
          : issue.path.startsWith(input.prefix)
            ? issue.path.slice(input.prefix.length).replace(/^\./, '')
            : '';
      const offset = locatePath(offsets, relative) ?? 0;
      const { line, column } = lineAndColumn(input.text, offset);
      return `${input.file}:${line}:${column}: ${issue.path}: ${issue.message}`;
    })
    .join('\n');
}
