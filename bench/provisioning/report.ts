/** The suite's Markdown: workload, initial cycle next to the baseline, every cycle, and the goals. */
import { formatRate, markdownTable } from '../lib/measure.js';
import type { EngineResult } from './engine-worker.js';
import type { Measurements } from './provisioning.bench.js';

const n = (value: number): string => value.toLocaleString('en-US');
const s = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/**
 * The users phase ends with its last progress event; its requests are those on /Users, /Bulk
 * and /ServiceProviderConfig (the groups phase's few Bulk requests are counted in too).
 */
function usersPhase(result: EngineResult): { ms: number; requests: number } {
  const requests = Object.entries(result.requestsBy)
    .filter(([key]) => /^\S+ \/(Users|Bulk|ServiceProviderConfig)$/.test(key))
    .reduce((sum, [, count]) => sum + count, 0);
  const end = result.phases.find((p) => p.phase === 'users')?.endMs;
  return { ms: end ?? result.summary.durationMs, requests };
}

function phases(result: EngineResult): string {
  let previous = 0;
  const parts = result.phases.map(({ phase, endMs }) => {
    const text = `${phase} ${s(endMs - previous)}`;
    previous = endMs;
    return text;
  });
  parts.push(`finish ${s(result.summary.durationMs - previous)}`);
  return parts.join(' · ');
}

function requestMix(result: EngineResult): string {
  const order = [
    'GET /Users',
    'GET /ServiceProviderConfig',
    'POST /Bulk',
    'POST /Users',
    'PATCH /Users',
    'GET /Groups',
    'POST /Groups',
    'PATCH /Groups',
  ];
  return Object.entries(result.requestsBy)
    .sort(([a], [b]) => ((order.indexOf(a) + 99) % 99) - ((order.indexOf(b) + 99) % 99))
    .map(([key, count]) => {
      const mean = (result.requestMsBy[key] ?? 0) / count;
      return `${key} ${n(count)} (mean ${mean.toFixed(1)} ms)`;
    })
    .join(' · ');
}

export function report(m: Measurements): string {
  const { shape, baseline, initial, incremental, noChange, stored } = m;
  const baselineRate = (baseline.created * 1000) / baseline.durationMs;
  const objects = initial.summary.created;
  const objectsRate = (objects * 1000) / initial.summary.durationMs;
  const users = usersPhase(initial);
  const usersRate = (shape.users * 1000) / users.ms;
  const ratio = objectsRate / baselineRate;
  const out: string[] = [];

  out.push(
    `Workload: ${n(shape.users)} users, ${n(shape.groups)} groups, ${n(shape.memberships)} memberships in the ` +
      `directory (SQLite); one application, generic-scim profile, scope \`assigned\` with all ${n(shape.groups)} ` +
      `groups assigned (every user is entitled through its 2 groups). Target: \`scimsync serve\` on SQLite, ` +
      `loopback: tenant A for the baseline loop and tenant B for the engine, each in its own fresh server and store` +
      (m.targetRestarted ? ' (B restarted before the cycle)' : '') +
      `. Concurrency ${m.concurrency} for ` +
      `both; the engine's creations ${m.bulkCreates === 'auto' ? "through the target's /Bulk endpoint (bulkCreates auto, the default)" : 'one POST each (bulkCreates off)'}. Directory import ${m.setup.importSeconds.toFixed(1)} s, assignments ${m.setup.assignSeconds.toFixed(1)} s ` +
      `(not measured). Machine: ${m.machine}. Code: ${m.source}.\n`,
  );

  out.push("### Initial cycle next to the target's raw capacity\n");
  out.push(
    markdownTable(
      ['run', 'work', 'duration', 'rate', 'requests', 'client CPU', 'server CPU'],
      [
        [
          'baseline: bare loop, POST only (tenant A)',
          `${n(baseline.created)} users${baseline.failures > 0 ? ` (${n(baseline.failures)} failed)` : ''}`,
          s(baseline.durationMs),
          `${formatRate(baselineRate)} users/s`,
          n(baseline.sent),
          s(baseline.cpuMs),
          `${baseline.serverCpuSeconds.toFixed(1)} s`,
        ],
        [
          'engine: users phase (tenant B)',
          `${n(shape.users)} users`,
          s(users.ms),
          `${formatRate(usersRate)} users/s`,
          n(users.requests),
          '',
          '',
        ],
        [
          'engine: whole initial cycle (tenant B)',
          `${n(objects)} objects + ${n(initial.summary.membersAdded)} memberships`,
          s(initial.summary.durationMs),
          `${formatRate(objectsRate)} objects/s`,
          n(initial.summary.requests),
          s(initial.cpuMs),
          `${initial.serverCpuSeconds.toFixed(1)} s`,
        ],
      ],
    ),
  );
  out.push(
    `\nBaseline: mean response ${baseline.meanMs.toFixed(1)} ms; ${formatRate(baseline.firstTenthRate)} users/s over ` +
      `the first tenth, ${formatRate(baseline.lastTenthRate)} users/s over the last.  ` +
      `\nEngine phases: ${phases(initial)}.  \nEngine requests (mean response as the engine saw it): ${requestMix(initial)}.`,
  );
  out.push(
    `\nSame work: ${stored.identical}/${stored.sampled} sampled users are the same resource in A and B; ` +
      `B holds ${n(stored.usersInB)} users and ${n(stored.groupsInB)} groups; "Group 0" has ` +
      `${n(stored.membersOfFirstGroup)} of ${n(stored.expectedMembers)} members.` +
      (stored.firstDifference === undefined ? '' : ` First difference: ${stored.firstDifference}`),
  );

  out.push('\n\n### Every cycle (one engine process each)\n');
  const row = (label: string, r: EngineResult): string[] => [
    label,
    r.summary.kind,
    n(r.summary.created),
    n(r.summary.updated),
    n(r.summary.failed),
    n(r.summary.requests),
    s(r.summary.durationMs),
    `${r.peakRssMiB.toFixed(0)} MiB`,
    s(r.cpuMs),
  ];
  out.push(
    markdownTable(
      [
        'cycle',
        'kind',
        'created',
        'updated',
        'failed',
        'requests',
        'duration',
        'peak RSS (VmHWM)',
        'engine CPU',
      ],
      [
        row('initial', initial),
        row(`after ${n(incremental.summary.updated)} user changes`, incremental),
        row('no change', noChange),
      ],
    ),
  );
  out.push(`\nTarget server peak RSS: ${m.serverPeakRssMiB.toFixed(0)} MiB.`);

  const correct =
    initial.summary.failed === 0 &&
    objects === shape.users + shape.groups &&
    initial.summary.membersAdded === shape.memberships &&
    stored.identical === stored.sampled;
  out.push('\n\n### Goals (issue #5)\n');
  out.push(
    markdownTable(
      ['goal', 'measured', 'result'],
      [
        [
          "initial cycle: objects/s ≥ 0.8 × the bare loop's users/s",
          `${formatRate(objectsRate)} / ${formatRate(baselineRate)} = ${ratio.toFixed(2)}× (users phase alone: ${(usersRate / baselineRate).toFixed(2)}×)`,
          verdict(ratio >= 0.8),
        ],
        [
          'initial cycle complete and correct',
          `${n(objects)} created, ${n(initial.summary.membersAdded)} memberships, ${initial.summary.failed} failed`,
          verdict(correct),
        ],
        [
          'incremental after 100 changes: < 2 s',
          s(incremental.summary.durationMs),
          verdict(incremental.summary.durationMs < 2000 && incremental.summary.updated === 100),
        ],
        [
          'incremental after 100 changes: ≤ 110 requests',
          n(incremental.summary.requests),
          verdict(incremental.summary.requests <= 110),
        ],
        [
          'no-change cycle: 0 requests',
          n(noChange.summary.requests),
          verdict(noChange.summary.requests === 0),
        ],
        ['engine peak memory (initial cycle)', `${initial.peakRssMiB.toFixed(0)} MiB`, 'reported'],
      ],
    ),
  );
  return `${out.join('\n')}\n`;
}
