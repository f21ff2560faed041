/**
 * Turns the measurements into the Markdown tables of docs/BENCHMARKS.md: one row per server and
 * scenario, peak memory per server, and the goals as ratios with PASS/MISS.
 */
import { formatRate, markdownTable } from '../lib/measure.js';
import type { LoadResult } from './load-spec.js';
import { SCENARIOS, type ScenarioKey } from './scenarios.js';

export type Measured =
  | {
      readonly server: string;
      readonly key: ScenarioKey;
      readonly result: LoadResult;
      readonly singleMs: number;
      /** CPU µs per request of the server process and of its PostgreSQL backends, when measured. */
      readonly cpuMicros?: { readonly server: number | undefined; readonly database: number | undefined };
    }
  | { readonly server: string; readonly key: ScenarioKey; readonly failure: string };

export interface ServerMemory {
  readonly server: string;
  readonly peakRssMiB: number;
  readonly note: string;
}

const reqPerSecond = (value: number): string => (value >= 10 ? formatRate(value) : value.toFixed(2));
const ms = (value: number): string => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

const micros = (value: number | undefined): string => (value === undefined ? '-' : value.toFixed(0));

/** No request finished within the duration: the rate is only bounded, the latencies unknown. */
function throughput(result: LoadResult): string[] {
  if (result.requests === 0) return [`< ${(1 / result.durationSeconds).toFixed(2)}`, 'n/a', 'n/a'];
  return [reqPerSecond(result.requestsPerSecond), ms(result.p50Ms), ms(result.p99Ms)];
}

export function resultsTable(rows: readonly Measured[]): string {
  return markdownTable(
    [
      'server',
      'scenario',
      'req/s',
      'p50 ms',
      'p99 ms',
      'requests',
      'non-2xx / errors',
      'one request alone ms',
      'CPU µs/req server',
      'CPU µs/req pg',
    ],
    rows.map((row) =>
      'failure' in row
        ? [
            row.server,
            SCENARIOS[row.key],
            'failed',
            '-',
            '-',
            '-',
            row.failure.replaceAll('|', '/').slice(0, 160),
            '-',
            '-',
            '-',
          ]
        : [
            row.server,
            SCENARIOS[row.key],
            ...throughput(row.result),
            row.result.requests.toLocaleString('en-US'),
            `${row.result.non2xx} / ${row.result.errors + row.result.timeouts}`,
            ms(row.singleMs),
            micros(row.cpuMicros?.server),
            micros(row.cpuMicros?.database),
          ],
    ),
  );
}

export function memoryTable(rows: readonly ServerMemory[]): string {
  return markdownTable(
    ['server', 'peak RSS (VmHWM)', 'data'],
    rows.map((row) => [row.server, `${row.peakRssMiB.toFixed(0)} MiB`, row.note]),
  );
}

interface Goal {
  readonly goal: string;
  readonly measured: string;
  readonly pass: boolean;
}

export interface GoalInputs {
  readonly engine: string;
  readonly ours: ReadonlyMap<ScenarioKey, LoadResult>;
  readonly baseline: ReadonlyMap<ScenarioKey, LoadResult>;
  readonly ceiling: LoadResult | undefined;
  readonly peakRssMiB: number;
  readonly bigGroupSize: number;
}

function rate(map: ReadonlyMap<ScenarioKey, LoadResult>, key: ScenarioKey): number {
  return map.get(key)?.requestsPerSecond ?? NaN;
}

export function evaluateGoals(inputs: GoalInputs): Goal[] {
  const { ours, baseline } = inputs;
  const getById = rate(ours, 'getById');
  const goals: Goal[] = [];
  const ratio = (
    goal: string,
    value: number,
    threshold: number,
    format = (v: number) => `${v.toFixed(2)}×`,
  ) => goals.push({ goal, measured: format(value), pass: value >= threshold });
  ratio('GET by id ≥ 5× scimmy', getById / rate(baseline, 'getById'), 5);
  ratio(
    'GET by id ≥ 30% of bare node',
    getById / (inputs.ceiling?.requestsPerSecond ?? NaN),
    0.3,
    (v) => `${(v * 100).toFixed(0)}%`,
  );
  for (const key of ['filterUserName', 'filterWorkEmail'] as const) {
    ratio(
      `${SCENARIOS[key]} within 20% of GET by id`,
      rate(ours, key) / getById,
      0.8,
      (v) => `${(v * 100).toFixed(0)}%`,
    );
  }
  ratio('POST ≥ 5× scimmy', rate(ours, 'post') / rate(baseline, 'post'), 5);
  const bigVsSmall = rate(ours, 'addSmallMember') / rate(ours, 'addBigMember');
  goals.push({
    goal: `add to the ${inputs.bigGroupSize.toLocaleString('en-US')}-member group within 2× of the 10-member group`,
    measured: `${bigVsSmall.toFixed(2)}× slower`,
    pass: bigVsSmall <= 2,
  });
  const worst = [...ours.entries()].reduce<[ScenarioKey | undefined, number]>(
    (acc, [key, r]) => (r.p99Ms > acc[1] ? [key, r.p99Ms] : acc),
    [undefined, 0],
  );
  goals.push({
    goal: 'p99 < 20 ms everywhere',
    measured: `worst ${ms(worst[1])} ms (${worst[0] === undefined ? '-' : SCENARIOS[worst[0]]})`,
    pass: worst[1] < 20,
  });
  goals.push({
    goal: 'peak memory < 200 MiB',
    measured: `${inputs.peakRssMiB.toFixed(0)} MiB`,
    pass: inputs.peakRssMiB < 200,
  });
  return goals;
}

export function goalsTable(engine: string, goals: readonly Goal[]): string {
  return markdownTable(
    ['engine', 'goal (issue 3)', 'measured', ''],
    goals.map((g) => [engine, g.goal, g.measured, g.pass ? 'PASS' : 'MISS']),
  );
}
