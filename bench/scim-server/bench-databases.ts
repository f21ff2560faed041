/**
 * Where each engine's benchmark data lives: a temporary directory for SQLite, a dedicated
 * PostgreSQL database created for the run and dropped afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoreConfig } from '../../src/store/index.js';

export type BenchEngine = 'sqlite' | 'postgres';

export const ADMIN_DATABASE_URL =
  process.env['SCIMSYNC_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  readonly engine: BenchEngine;
  readonly config: StoreConfig;
  /** `serve` arguments selecting this store. */
  readonly serveArgs: readonly string[];
  /** The PostgreSQL database's name (its backends' CPU is measured). */
  readonly databaseName?: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(engine: BenchEngine): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'scimsync-bench-sqlite-'));
    return {
      engine,
      config: { dataDir: dir },
      serveArgs: ['--data', dir],
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  const name = `scimsync_bench_${process.pid}_${Date.now()}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    config: { databaseUrl: url.href },
    serveArgs: ['--database-url', url.href],
    databaseName: name,
    drop: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
