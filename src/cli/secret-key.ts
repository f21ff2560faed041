/**
 * The key that encrypts target tokens at rest: `SCIMSYNC_SECRET_KEY` (base64 or hex, 32 bytes),
 * else `--secret-key-file`, else `secret.key` in the data directory, created on first use with
 * owner-only permissions. Keep it apart from database backups: without it the stored tokens
 * cannot be read.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SecretBox, SecretKeyError } from '../provisioning/index.js';
import { CliError, type CliIo } from './io.js';
import { DEFAULT_DATA_DIR, type StoreOptions } from './store-options.js';

export const SECRET_KEY_ENV = 'SCIMSYNC_SECRET_KEY';
export const SECRET_KEY_FILE = 'secret.key';

export interface SecretKeyOptions extends StoreOptions {
  readonly secretKeyFile?: string;
}

export async function loadSecretBox(options: SecretKeyOptions, io: CliIo): Promise<SecretBox> {
  try {
    const fromEnv = io.env?.[SECRET_KEY_ENV];
    if (fromEnv !== undefined && fromEnv !== '') return SecretBox.fromText(fromEnv, SECRET_KEY_ENV);
    const file = options.secretKeyFile ?? join(options.data ?? DEFAULT_DATA_DIR, SECRET_KEY_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      text = SecretBox.generateKeyText();
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
      await chmod(file, 0o600);
      io.err(
        `generated a new secret key in ${file} (it encrypts target tokens; back it up apart from the database)\n`,
      );
    }
    return SecretBox.fromText(text, file);
  } catch (error) {
    if (error instanceof SecretKeyError) throw new CliError(error.message, 1, { cause: error });
    throw error;
  }
}
