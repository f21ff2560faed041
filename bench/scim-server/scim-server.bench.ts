/**
 * bench/scim-server: the SCIM service provider under load from a second process (autocannon,
 * 16 connections) with 100,000 users and 1,000 groups loaded, on SQLite and on PostgreSQL, next
 * to two references measured in the same run: a bare node:http server (the ceiling) and an
 * in-memory scimmy + scimmy-routers server (the baseline, 10,000 users). Prints Markdown tables
 * and the goals of issue 3 as PASS/MISS. Progress goes to stderr.
 *
 * Knobs (env): SCIMSYNC_BENCH_ENGINES=sqlite,postgres · SCIMSYNC_BENCH_SECONDS=6 ·
 * SCIMSYNC_BENCH_USERS=100000 · SCIMSYNC_BENCH_BASELINE_USERS=10000 · SCIMSYNC_BENCH_PG_URL ·
 * SCIMSYNC_BENCH_REFERENCES=0 (skip the two references) · SCIMSYNC_BENCH_ROUNDS=3 (rounds of
 * every scenario, interleaved; each row reports the round with the median throughput).
 */
import { createBenchDatabase, type BenchEngine } from './bench-databases.js';
import { onInterrupt, runLoad, startServer, type ServerProcess } from './child-processes.js';
import { loadDirectory } from './load-directory.js';
import { cpuSince, sampleCpu } from './process-cpu.js';
import { expand, type LoadResult } from './load-spec.js';
import {
  evaluateGoals,
  goalsTable,
  memoryTable,
  resultsTable,
  type Measured,
  type ServerMemory,
} from './report.js';
import {
  fixedJsonScenario,
  serverScenarios,
  type LoadShape,
  type Scenario,
  type ScenarioKey,
} from './scenarios.js';
import { transpileServers, type TranspiledTree } from './transpile-servers.js';

const env = process.env;
const SETTINGS = {
  engines: (env['SCIMSYNC_BENCH_ENGINES'] ?? 'sqlite,postgres').split(',').filter(Boolean) as BenchEngine[],
  seconds: Number(env['SCIMSYNC_BENCH_SECONDS'] ?? 6),
  users: Number(env['SCIMSYNC_BENCH_USERS'] ?? 100_000),
  baselineUsers: Number(env['SCIMSYNC_BENCH_BASELINE_USERS'] ?? 10_000),
  connections: 16,
  maxRequests: 200_000,
  groups: 1_000,
  /** `SCIMSYNC_BENCH_REFERENCES=0` skips the bare-node and scimmy references (quick iterations). */
  references: env['SCIMSYNC_BENCH_REFERENCES'] !== '0',
  /**
   * Every scenario runs this many times, one round of all the reads after the other, then one
   * round of all the writes after the other, and each reports its median round: on a shared
   * machine the load of others drifts over minutes, and a ratio of two scenarios measured once,
   * a minute apart, measured the drift as much as the code. Each write round has its own items
   * and run id ({@link forRound}), so no round repeats another's creations or member adds.
   */
  rounds: Math.max(1, Number(env['SCIMSYNC_BENCH_ROUNDS'] ?? 3)),
};
const BASELINE_TOKEN = 'baseline-token';
/** A single request slower than this is reported as a failure instead of being load-tested. */
const PROBE_TIMEOUT_MS = 30_000;

const say = (text: string): void => void process.stderr.write(`[scim-server] ${text}\n`);

function shape(origin: string, token: string, seconds = SETTINGS.seconds): LoadShape {
  return {
    origin,
    token,
    connections: SETTINGS.connections,
    durationSeconds: seconds,
    maxRequests: SETTINGS.maxRequests,
    runId: Date.now().toString(36),
  };
}

/**
 * One request first: a scenario whose requests fail would measure error pages, not the server.
 * Its latency is reported too (the only figure when a server is too slow to finish a request
 * within the scenario's duration).
 */
async function probe(scenario: Scenario): Promise<{ scenario: Scenario; ms: number }> {
  const { spec } = scenario;
  const started = performance.now();
  const items = spec.items ?? [''];
  const item = items[items.length - 1] ?? '';
  const response = await fetch(`${spec.origin}${expand(spec.pathTemplate, item, 999_999_999, spec.runId)}`, {
    method: spec.method,
    headers: spec.headers,
    signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    ...(spec.bodyTemplate === undefined
      ? {}
      : { body: expand(spec.bodyTemplate, item, 999_999_999, spec.runId) }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (!scenario.expect.includes(response.status)) {
    throw new Error(`${spec.name}: probe answered ${response.status}: ${text.slice(0, 500)}`);
  }
  if (spec.pick !== 'sequential' || spec.items === undefined) return { scenario, ms };
  // The probe used the last item; the load must not reuse it.
  const rest = spec.items.slice(0, -1);
  return {
    scenario: {
      ...scenario,
      spec: { ...spec, items: rest, maxRequests: Math.min(spec.maxRequests, rest.length) },
    },
    ms,
  };
}

interface Round {
  readonly result: LoadResult;
  readonly cpuMicros: { readonly server: number | undefined; readonly database: number | undefined };
}

/** Loads one probed scenario and reads the CPU it cost the server (and its PostgreSQL backends). */
async function loadOnce(
  server: ServerProcess,
  scenario: Scenario,
  database: string | undefined,
): Promise<Round> {
  const before = await sampleCpu(server.pid, database);
  const result = await runLoad(scenario.spec);
  // Requests still queued when the load stopped are served before settle returns: CPU is read after.
  await settle(scenario);
  const cpu = await cpuSince(before, server.pid, database);
  const perRequest = (micros: number | undefined) =>
    micros === undefined || result.requests === 0 ? undefined : micros / result.requests;
  return {
    result,
    cpuMicros: { server: perRequest(cpu.serverMicros), database: perRequest(cpu.databaseMicros) },
  };
}

/**
 * Round `round` of `rounds` of a scenario: a sequential item list (members to add) is split so
 * that rounds use disjoint items, and `{{run}}` (in POSTed userNames) differs per round.
 */
function forRound(scenario: Scenario, round: number, rounds: number): Scenario {
  const { spec } = scenario;
  const runId = `${spec.runId}r${round}`;
  if (spec.pick !== 'sequential' || spec.items === undefined)
    return { ...scenario, spec: { ...spec, runId } };
  const share = Math.floor(spec.items.length / rounds);
  const items = spec.items.slice(round * share, (round + 1) * share);
  return {
    ...scenario,
    spec: { ...spec, runId, items, maxRequests: Math.min(spec.maxRequests, items.length) },
  };
}

function medianRound(rounds: readonly Round[]): Round {
  const sorted = [...rounds].sort((a, b) => a.result.requestsPerSecond - b.result.requestsPerSecond);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

async function measureAll(
  server: ServerProcess,
  scenarios: readonly Scenario[],
  into: Measured[],
  /** The PostgreSQL database the server uses, whose backends' CPU is measured too. */
  database?: string,
) {
  const probed: { scenario: Scenario; ms: number }[] = [];
  for (const scenario of scenarios) {
    try {
      probed.push(await probe(scenario));
    } catch (error) {
      // A broken endpoint is reported in the table; the other scenarios still run.
      const failure = error instanceof Error ? error.message : String(error);
      say(`${server.name}: ${failure}`);
      into.push({ server: server.name, key: scenario.key, failure });
    }
  }
  const rounds = new Map<ScenarioKey, Round[]>();
  const reads = probed.filter((p) => p.scenario.spec.method === 'GET');
  const writes = probed.filter((p) => p.scenario.spec.method !== 'GET');
  const inRounds = (group: typeof probed) =>
    Array.from({ length: SETTINGS.rounds }, (_, round) =>
      group.map(({ scenario }) => forRound(scenario, round, SETTINGS.rounds)),
    ).flat();
  const plan = [...inRounds(reads), ...inRounds(writes)];
  for (const scenario of plan) {
    const round = await loadOnce(server, scenario, database);
    const { result, cpuMicros } = round;
    say(
      `${server.name}: ${scenario.spec.name}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.p99Ms} ms, ` +
        `CPU µs/req server ${cpuMicros.server?.toFixed(0) ?? '-'}, pg ${cpuMicros.database?.toFixed(0) ?? '-'}`,
    );
    rounds.set(scenario.key, [...(rounds.get(scenario.key) ?? []), round]);
  }
  const results = new Map<ScenarioKey, LoadResult>();
  for (const { scenario, ms } of probed) {
    const { result, cpuMicros } = medianRound(rounds.get(scenario.key) ?? []);
    results.set(scenario.key, result);
    into.push({ server: server.name, key: scenario.key, result, singleMs: ms, cpuMicros });
  }
  return results;
}

/**
 * autocannon stops at the deadline, but a slow server still has queued requests to finish; the
 * next scenario must not pay for them. Waits (at most 60 s) until a cheap GET is fast again.
 */
async function settle(scenario: Scenario): Promise<void> {
  const { spec } = scenario;
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    const started = performance.now();
    await fetch(`${spec.origin}/`, { headers: spec.headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    if (performance.now() - started < 50) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function warmUp(scenario: Scenario | undefined): Promise<void> {
  if (scenario !== undefined) {
    await runLoad({ ...(await probe(scenario)).scenario.spec, durationSeconds: 2, name: 'warm-up' });
  }
}

async function withServer<T>(server: ServerProcess, work: (server: ServerProcess) => Promise<T>): Promise<T> {
  try {
    return await work(server);
  } finally {
    await server.stop();
  }
}

export async function run(): Promise<void> {
  say('transpiling the servers to JavaScript');
  const tree = await transpileServers();
  const unregister = onInterrupt(() => tree.remove());
  try {
    await runWith(tree);
  } finally {
    unregister();
    await tree.remove();
  }
}

async function runWith(tree: TranspiledTree): Promise<void> {
  const measured: Measured[] = [];
  const memory: ServerMemory[] = [];
  const goals: string[] = [];

  if (SETTINGS.references) say('bare node:http ceiling');
  const ceiling = !SETTINGS.references
    ? undefined
    : await withServer(
        await startServer('bare node:http', tree.entry('bench/scim-server/bare-node-server.ts'), []),
        async (server) => {
          const scenario = fixedJsonScenario(shape(server.origin, 'none'));
          await warmUp(scenario);
          const result = (await measureAll(server, [scenario], measured)).get('fixedJson');
          memory.push({ server: server.name, peakRssMiB: await server.peakRssMiB(), note: 'fixed body' });
          return result;
        },
      );

  const baselineUsers = SETTINGS.baselineUsers;
  if (SETTINGS.references) say(`scimmy + scimmy-routers baseline, ${baselineUsers} users`);
  const baselineName = `scimmy (${baselineUsers.toLocaleString('en-US')} users)`;
  const baseline = !SETTINGS.references
    ? new Map<ScenarioKey, LoadResult>()
    : await withServer(
        await startServer(baselineName, tree.entry('bench/scim-server/scimmy-server.ts'), [
          String(baselineUsers),
          BASELINE_TOKEN,
        ]),
        async (server) => {
          const userIds = Array.from({ length: baselineUsers }, (_, i) => `u${i}`);
          const scenarios = serverScenarios(shape(server.origin, BASELINE_TOKEN), {
            basePath: '/scim',
            userIds,
            notInBigGroup: Array.from({ length: SETTINGS.maxRequests }, (_, i) => `new${i}`),
            notInSmallGroup: [],
            bigGroupId: 'big',
            fullProfiles: false,
          });
          await warmUp(scenarios[0]);
          const results = await measureAll(server, scenarios, measured);
          memory.push({
            server: server.name,
            peakRssMiB: await server.peakRssMiB(),
            note: `${baselineUsers.toLocaleString('en-US')} users, one group with all of them as members, in memory`,
          });
          return results;
        },
      );

  for (const engine of SETTINGS.engines) {
    const database = await createBenchDatabase(engine);
    const unregister = onInterrupt(() => database.drop());
    try {
      const bigGroupSize = Math.min(50_000, Math.floor(SETTINGS.users / 2));
      say(`${engine}: loading ${SETTINGS.users} users and ${SETTINGS.groups} groups`);
      const dir = await loadDirectory(database.config, {
        users: SETTINGS.users,
        groups: SETTINGS.groups,
        bigGroupSize,
        smallGroupSize: 10,
      });
      say(`${engine}: loaded in ${dir.seconds.toFixed(1)} s`);
      const name = `scimsync ${engine}`;
      const args = ['serve', '--host', '127.0.0.1', '--port', '0', ...database.serveArgs];
      await withServer(
        await startServer(name, tree.entry('src/cli/main.ts'), args, { env: { SCIMSYNC_LOG_LEVEL: 'warn' } }),
        async (server) => {
          const scenarios = serverScenarios(shape(server.origin, dir.apiKey), {
            basePath: `/scim/directory/${dir.tenantId}`,
            userIds: dir.userIds,
            notInBigGroup: dir.userIds.slice(bigGroupSize + 10),
            notInSmallGroup: dir.userIds.slice(0, bigGroupSize),
            bigGroupId: dir.bigGroupId,
            smallGroupId: dir.smallGroupId,
            fullProfiles: true,
          });
          await warmUp(scenarios[0]);
          const results = await measureAll(server, scenarios, measured, database.databaseName);
          const peakRssMiB = await server.peakRssMiB();
          memory.push({
            server: name,
            peakRssMiB,
            note: `${SETTINGS.users.toLocaleString('en-US')} users, ${SETTINGS.groups} groups (${bigGroupSize.toLocaleString('en-US')}-member group)`,
          });
          goals.push(
            goalsTable(
              engine,
              evaluateGoals({ engine, ours: results, baseline, ceiling, peakRssMiB, bigGroupSize }),
            ),
          );
        },
      );
    } finally {
      unregister();
      await database.drop();
    }
  }

  const machine =
    `${SETTINGS.connections} connections, ${SETTINGS.seconds} s per scenario, load from a second process; ` +
    `each row the median of ${SETTINGS.rounds} interleaved rounds`;
  process.stdout.write(`Throughput and latency (${machine}):\n\n${resultsTable(measured)}\n\n`);
  process.stdout.write(`Peak memory of each server process:\n\n${memoryTable(memory)}\n\n`);
  process.stdout.write(`Goals:\n\n${goals.join('\n\n')}\n`);
}
