/**
 * bench/provisioning (issue 5): an initial cycle of N users (default 100,000), N/100 groups and
 * 2N memberships from the directory on SQLite into scimsync's own server (`scimsync serve` on
 * SQLite, a child process on loopback), next to the target's raw capacity measured in the same
 * run: a bare loop POSTing the same N user bodies with the engine's concurrency into a tenant of
 * a second server with its own fresh store (so neither side writes into the other's data). Then 100 user changes (incremental cycle) and a cycle with no change. The engine runs
 * in its own child process per cycle, so its peak RSS is its own. Prints Markdown tables and the
 * goals as PASS/MISS; progress goes to stderr.
 *
 * Knobs (env): SCIMSYNC_BENCH_USERS=100000 · SCIMSYNC_BENCH_CONCURRENCY=8 ·
 * SCIMSYNC_BENCH_BULK=off (the engine's job option bulkCreates: one POST per object, as for a
 * target without /Bulk; default auto, which uses the target's /Bulk endpoint) ·
 * SCIMSYNC_BENCH_CPU_PROF=DIR (V8 CPU profiles of each engine cycle and of the server, into DIR) ·
 * SCIMSYNC_BENCH_RESTART_TARGET=1 (restart the engine's target before the cycle: a diagnosis of the
 * target's query plans, see docs/BENCHMARKS.md).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createBenchDatabase, type BenchDatabase } from '../scim-server/bench-databases.js';
import { onInterrupt, startServer, type ServerProcess } from '../scim-server/child-processes.js';
import { SecretBox } from '../../src/provisioning/index.js';
import { STARTUP_V8_FLAGS } from '../../src/cli/v8-flags.js';
import type { BaselineResult, BaselineSpec } from './baseline-worker.js';
import { runJsonChild, transpileTree } from './child.js';
import type { EngineResult, EngineSpec } from './engine-worker.js';
import { populationShape, type PopulationShape } from './population.js';
import { compareStored, type StoredCheck } from './compare-stored.js';
import { report } from './report.js';
import { APPLICATION, buildSource, buildTarget, changeUsers, type TargetTenant } from './setup.js';

const run$ = promisify(execFile);
const env = process.env;
const SETTINGS = {
  users: Number(env['SCIMSYNC_BENCH_USERS'] ?? 100_000),
  concurrency: Number(env['SCIMSYNC_BENCH_CONCURRENCY'] ?? 8),
  bulkCreates: env['SCIMSYNC_BENCH_BULK'] === 'off' ? ('off' as const) : ('auto' as const),
  cpuProfileDir: env['SCIMSYNC_BENCH_CPU_PROF'],
  restartTarget: env['SCIMSYNC_BENCH_RESTART_TARGET'] === '1',
  changes: 100,
};
/** Generous bounds: a 100,000-user cycle at a tenth of the expected speed still finishes. */
const CHILD_TIMEOUT_MS = 60 * 60_000;

const say = (text: string): void => void process.stderr.write(`[provisioning] ${text}\n`);

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  // After "pid (comm) ", utime and stime are fields 12 and 13 (0-based 11, 12), in clock ticks.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function sourceVersion(): Promise<string> {
  try {
    const git = (args: string[]) =>
      run$('git', args, { cwd: join(import.meta.dirname, '../..'), timeout: 10_000 });
    const head = (await git(['rev-parse', '--short', 'HEAD'])).stdout.trim();
    const dirty = (await git(['status', '--short', '--', 'src'])).stdout.trim().split('\n').filter(Boolean);
    return dirty.length === 0 ? `commit ${head}` : `commit ${head} + ${dirty.length} changed files in src/`;
  } catch {
    return 'unknown (no git)';
  }
}

export interface Measurements {
  readonly shape: PopulationShape;
  readonly concurrency: number;
  readonly bulkCreates: 'auto' | 'off';
  readonly setup: { importSeconds: number; assignSeconds: number };
  readonly baseline: BaselineResult & { serverCpuSeconds: number };
  readonly initial: EngineResult & { serverCpuSeconds: number };
  readonly incremental: EngineResult;
  readonly noChange: EngineResult;
  readonly stored: StoredCheck;
  readonly serverPeakRssMiB: number;
  readonly machine: string;
  /** The commit measured, and whether the working tree differed from it. */
  readonly source: string;
  readonly targetRestarted: boolean;
}

export async function run(): Promise<void> {
  const shape = populationShape(SETTINGS.users);
  // Read before transpiling: src/ may change while a long run goes on; this is what was measured.
  const version = await sourceVersion();
  say('transpiling src/ and the workers to JavaScript');
  const tree = await transpileTree();
  const databases: BenchDatabase[] = [];
  const cleanup = async (): Promise<void> => {
    await Promise.all(databases.map((d) => d.drop()));
    await tree.remove();
  };
  const unregister = onInterrupt(cleanup);
  try {
    const source = await createBenchDatabase('sqlite');
    databases.push(source);
    // Each side gets its own fresh target store: with both tenants in one file, the engine wrote
    // into a database already holding the baseline's 100,000 users (twice the indexes, a page
    // cache that no longer fits) and was measured against a loop that started empty.
    const targetA = await createBenchDatabase('sqlite');
    databases.push(targetA);
    const targetB = await createBenchDatabase('sqlite');
    databases.push(targetB);
    say(`directory: ${shape.users} users, ${shape.groups} groups, ${shape.memberships} memberships`);
    const setup = await buildSource(source.config, shape);
    say(
      `directory imported in ${setup.importSeconds.toFixed(1)} s, groups assigned in ${setup.assignSeconds.toFixed(1)} s`,
    );
    const tenants = { a: (await buildTarget(targetA.config)).a, b: (await buildTarget(targetB.config)).b };
    let starts = 0;
    const startOn = (target: BenchDatabase) => (): Promise<ServerProcess> =>
      startServer(
        'scimsync serve',
        tree.entry('src/cli/main.ts'),
        ['serve', '--host', '127.0.0.1', '--port', '0', ...target.serveArgs],
        {
          env: {
            SCIMSYNC_LOG_LEVEL: 'warn',
            // The target's profile too: where a cycle's time goes is often the server's side.
            ...(SETTINGS.cpuProfileDir === undefined
              ? {}
              : {
                  NODE_OPTIONS: `--import=${tree.entry('bench/provisioning/cpu-profile-preload.ts')}`,
                  SCIMSYNC_BENCH_PROFILE_FILE: join(SETTINGS.cpuProfileDir, `server-${++starts}.cpuprofile`),
                }),
          },
        },
      );
    const servers = {
      a: await startOn(targetA)(),
      b: undefined as ServerProcess | undefined,
      startB: startOn(targetB),
    };
    try {
      const measured = await measure(tree.entry.bind(tree), servers, shape, source, tenants, setup);
      process.stdout.write(report({ ...measured, source: version }));
    } finally {
      await servers.a.stop();
      await servers.b?.stop();
    }
  } finally {
    unregister();
    await cleanup();
  }
}

async function measure(
  entry: (path: string) => string,
  servers: { a: ServerProcess; b: ServerProcess | undefined; startB: () => Promise<ServerProcess> },
  shape: PopulationShape,
  source: BenchDatabase,
  tenants: { a: TargetTenant; b: TargetTenant },
  setup: Measurements['setup'],
): Promise<Omit<Measurements, 'source'>> {
  const concurrency = SETTINGS.concurrency;
  say(
    `baseline: POST ${shape.users} users into tenant A (its own server and store), ${concurrency} in flight`,
  );
  let cpuBefore = await cpuSeconds(servers.a.pid);
  const baseline = await runJsonChild<BaselineResult>(
    entry('bench/provisioning/baseline-worker.ts'),
    {
      origin: servers.a.origin,
      scimPath: tenants.a.scimPath,
      token: tenants.a.token,
      users: shape.users,
      concurrency,
      deadlineMs: CHILD_TIMEOUT_MS - 60_000,
    } satisfies BaselineSpec,
    { timeoutMs: CHILD_TIMEOUT_MS },
  );
  const baselineCpu = (await cpuSeconds(servers.a.pid)) - cpuBefore;
  say(
    `baseline: ${baseline.created} created in ${(baseline.durationMs / 1000).toFixed(1)} s (${Math.round((baseline.created * 1000) / baseline.durationMs)} users/s)`,
  );
  if (baseline.failures > 0) say(`baseline: ${baseline.failures} failures, first: ${baseline.firstFailure}`);

  let server = (servers.b = await servers.startB());
  if (SETTINGS.restartTarget) {
    // A diagnosis knob: restart the engine's target before the cycle (statistics gathered at open).
    say('restarting the target so that it plans with fresh statistics');
    await server.stop();
    server = servers.b = await servers.startB();
  }
  const secretKey = SecretBox.generateKeyText();
  const engine = (label: string, configure?: EngineSpec['configure']) => {
    const profile =
      SETTINGS.cpuProfileDir === undefined
        ? []
        : [
            '--cpu-prof',
            '--cpu-prof-dir',
            SETTINGS.cpuProfileDir,
            '--cpu-prof-name',
            `engine-${label}.cpuprofile`,
          ];
    const spec: EngineSpec = {
      store: source.config,
      application: APPLICATION,
      secretKey,
      ...(configure === undefined ? {} : { configure }),
    };
    return runJsonChild<EngineResult>(entry('bench/provisioning/engine-worker.ts'), spec, {
      timeoutMs: CHILD_TIMEOUT_MS,
      // As `scimsync sync` runs (bin/scimsync.js starts it with these).
      nodeArgs: [...profile, ...(STARTUP_V8_FLAGS['sync'] ?? [])],
    });
  };

  say('engine: initial cycle into tenant B');
  cpuBefore = await cpuSeconds(server.pid);
  const initial = await engine('initial', {
    scimUrl: `${server.origin}${tenants.b.scimPath}`,
    token: tenants.b.token,
    concurrency,
    bulkCreates: SETTINGS.bulkCreates,
  });
  const initialCpu = (await cpuSeconds(server.pid)) - cpuBefore;
  say(`engine: initial cycle ${JSON.stringify(initial.summary)}`);

  const stored = await compareStored({ a: servers.a.origin, b: server.origin }, tenants, shape);
  say(`stored resources: ${stored.identical}/${stored.sampled} sampled users identical in A and B`);

  say(`directory: ${SETTINGS.changes} user changes (jobTitle)`);
  await changeUsers(source.config, shape.users, SETTINGS.changes);
  const incremental = await engine('incremental');
  say(`engine: incremental cycle ${JSON.stringify(incremental.summary)}`);
  const noChange = await engine('no-change');
  say(`engine: no-change cycle ${JSON.stringify(noChange.summary)}`);

  return {
    shape,
    concurrency,
    bulkCreates: SETTINGS.bulkCreates,
    setup,
    baseline: { ...baseline, serverCpuSeconds: baselineCpu },
    initial: { ...initial, serverCpuSeconds: initialCpu },
    incremental,
    noChange,
    stored,
    serverPeakRssMiB: await server.peakRssMiB(),
    targetRestarted: SETTINGS.restartTarget,
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), shared`,
  };
}
