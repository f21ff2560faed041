/**
 * The identity directory's benchmarks (issue 4): importing 100,000 users, 1,000 groups and
 * 200,000 memberships from JSON (goal < 30 s on SQLite; peak memory reported), and reading
 * "changes since" 100 changes in a 1,000,000-user directory (goal < 50 ms), on SQLite and
 * PostgreSQL. Sizes can be lowered for a quick run: BENCH_DIRECTORY_USERS, BENCH_FEED_USERS,
 * BENCH_DIRECTORY_ENGINES=sqlite.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { markdownTable } from '../lib/measure.js';
import { createBenchDatabase, type BenchEngine } from '../scim-server/bench-databases.js';
import { measureChangesSince } from './changes-since.js';
import { writeImportFile } from './generate-import.js';

const run$ = promisify(execFile);
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

interface ImportResult {
  parseMs: number;
  importMs: number;
  totalMs: number;
  peakRssMiB: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export async function run(): Promise<void> {
  const users = env('BENCH_DIRECTORY_USERS', 100_000);
  const shape = { users, groups: Math.max(1, users / 100), memberships: users * 2 };
  const feedUsers = env('BENCH_FEED_USERS', 1_000_000);
  const engines = (process.env['BENCH_DIRECTORY_ENGINES'] ?? 'sqlite,postgres').split(',') as BenchEngine[];
  const dir = await mkdtemp(join(tmpdir(), 'scimsync-bench-directory-'));
  try {
    const file = join(dir, 'directory.json');
    const bytes = await writeImportFile(file, shape);
    const importRows: string[][] = [];
    const feedRows: string[][] = [];
    for (const engine of engines) {
      const database = await createBenchDatabase(engine);
      try {
        const { stdout } = await run$(
          process.execPath,
          [
            '--import',
            'tsx',
            join(import.meta.dirname, 'import-worker.ts'),
            file,
            JSON.stringify(database.config),
          ],
          { maxBuffer: 1 << 20, timeout: 600_000 },
        );
        const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ImportResult;
        importRows.push([
          engine,
          `${shape.users.toLocaleString('en')} users, ${shape.groups.toLocaleString('en')} groups, ${shape.memberships.toLocaleString('en')} memberships (${(bytes / 2 ** 20).toFixed(0)} MiB JSON)`,
          seconds(result.parseMs),
          seconds(result.importMs),
          seconds(result.totalMs),
          `${result.peakRssMiB.toFixed(0)} MiB`,
          engine === 'sqlite' ? (result.totalMs < 30_000 ? 'met (< 30 s)' : 'missed (< 30 s)') : 'reported',
        ]);
      } finally {
        await database.drop();
      }
      const feedDatabase = await createBenchDatabase(engine);
      try {
        const feed = await measureChangesSince(feedDatabase.config, feedUsers, 100);
        feedRows.push([
          engine,
          feedUsers.toLocaleString('en'),
          seconds(feed.loadMs),
          `${feed.changes}`,
          `${feed.medianMs.toFixed(1)} ms`,
          `${feed.maxMs.toFixed(1)} ms`,
          feed.medianMs < 50 ? 'met (< 50 ms)' : 'missed (< 50 ms)',
        ]);
      } finally {
        await feedDatabase.drop();
      }
    }
    process.stdout.write('### Import (JSON file, one transaction, separate process)\n\n');
    process.stdout.write(
      markdownTable(
        ['engine', 'input', 'parse + check', 'write', 'total', 'peak RSS (VmHWM)', 'goal'],
        importRows,
      ),
    );
    process.stdout.write('\n\n### "Changes since" (100 changes, current state of each changed user)\n\n');
    process.stdout.write(
      markdownTable(
        ['engine', 'directory users', 'load (batched)', 'changes read', 'median', 'max', 'goal'],
        feedRows,
      ),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
