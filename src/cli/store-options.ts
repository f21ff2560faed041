/**
 * The composition root of the store for every command: `--data DIR` (SQLite, the default
 * `./data`) or `--database-url URL` / `SCIMSYNC_DATABASE_URL` (PostgreSQL).
 */
import type { Command } from 'commander';
import { openStore, type OpenStoreConfig, type Store } from '../store/index.js';
import { CliError, type CliIo } from './io.js';

export const DEFAULT_DATA_DIR = './data';
export const DATABASE_URL_ENV = 'SCIMSYNC_DATABASE_URL';

export interface StoreOptions {
  readonly data?: string;
  readonly databaseUrl?: string;
}

/** Adds `--data` and `--database-url` to a command. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', `SQLite data directory (default ${DEFAULT_DATA_DIR})`)
    .option('--database-url <url>', `PostgreSQL URL, postgres://… (env ${DATABASE_URL_ENV})`);
}

/** A flag wins over the environment; `--data` and `--database-url` together are a mistake. */
export function resolveStoreConfig(options: StoreOptions, env: CliIo['env'] = {}): OpenStoreConfig {
  if (options.data !== undefined && options.databaseUrl !== undefined) {
    throw new CliError('use either --data or --database-url, not both');
  }
  if (options.data !== undefined) return { dataDir: options.data };
  const databaseUrl = options.databaseUrl ?? nonEmpty(env[DATABASE_URL_ENV]);
  if (databaseUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new CliError(`--database-url must be a postgres:// URL, got "${redact(databaseUrl)}"`);
    }
    return { databaseUrl };
  }
  return { dataDir: DEFAULT_DATA_DIR };
}

/** How a command that runs long (serve, sync) wants its store. */
export type StoreTuning = Pick<OpenStoreConfig, 'backgroundCheckpoints'>;

/**
 * Opens the store the options name (openStore applies pending migrations). `serve` and `sync`
 * ask for background checkpoints; short-lived commands do not start the thread.
 */
export async function openCliStore(
  options: StoreOptions,
  io: CliIo,
  tuning: StoreTuning = {},
): Promise<Store> {
  const config = { ...resolveStoreConfig(options, io.env), ...tuning };
  try {
    return await openStore(config);
  } catch (error) {
    throw new CliError(`cannot open the store (${describe(config)}): ${messageOf(error)}`, 1, {
      cause: error,
    });
  }
}

function describe(config: OpenStoreConfig): string {
  return 'dataDir' in config ? `SQLite in ${config.dataDir}` : `PostgreSQL at ${redact(config.databaseUrl)}`;
}

/** Hides a password in a URL before it is printed. */
function redact(url: string): string {
  return url.replace(/^(\w+:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
