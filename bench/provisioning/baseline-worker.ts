/**
 * The target's raw capacity: a bare loop, in its own process, POSTing users 0..N-1 (the bodies
 * the generic-scim profile produces) with `concurrency` requests in flight over a keep-alive
 * undici pool of as many connections, as the engine's client does. Nothing else: no lookups,
 * no state. `baseline-worker.js SPEC_JSON` prints one JSON line.
 */
import { Pool } from 'undici';
import { scimUserBody } from './population.js';

export interface BaselineSpec {
  readonly origin: string;
  readonly scimPath: string;
  readonly token: string;
  readonly users: number;
  readonly concurrency: number;
  /** The loop stops here even if users remain (reported as incomplete). */
  readonly deadlineMs: number;
}

export interface BaselineResult {
  readonly sent: number;
  readonly created: number;
  readonly failures: number;
  readonly firstFailure: string | undefined;
  readonly durationMs: number;
  /** Mean response time, ms. */
  readonly meanMs: number;
  /** Users/s over the first and the last tenth of the users: does the target slow down as it fills? */
  readonly firstTenthRate: number;
  readonly lastTenthRate: number;
  /** CPU time (user + system) of this process during the loop. */
  readonly cpuMs: number;
}

async function main(spec: BaselineSpec): Promise<BaselineResult> {
  const pool = new Pool(spec.origin, { connections: spec.concurrency });
  const headers = {
    accept: 'application/scim+json, application/json',
    authorization: `Bearer ${spec.token}`,
    'content-type': 'application/scim+json',
  };
  let next = 0;
  let created = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  let responseMs = 0;
  const tenth = Math.max(1, Math.floor(spec.users / 10));
  const doneAt: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + spec.deadlineMs;
  const worker = async (): Promise<void> => {
    while (next < spec.users && performance.now() < deadline) {
      const i = next++;
      const sentAt = performance.now();
      const response = await pool.request({
        method: 'POST',
        path: `${spec.scimPath}/Users`,
        headers,
        body: JSON.stringify(scimUserBody(i)),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
      });
      // The engine parses every answer (it needs the new id); so does the baseline.
      const text = await response.body.text();
      const body = JSON.parse(text) as { id?: unknown };
      responseMs += performance.now() - sentAt;
      doneAt.push(performance.now());
      if (response.statusCode === 201 && typeof body.id === 'string') created++;
      else {
        failures++;
        firstFailure ??= `${response.statusCode} ${text.slice(0, 300)}`;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: spec.concurrency }, worker));
    const durationMs = performance.now() - started;
    const at = (k: number): number => doneAt[Math.min(doneAt.length - 1, k)] ?? started;
    const firstTenthRate = (tenth * 1000) / (at(tenth - 1) - started);
    const lastTenthRate = (tenth * 1000) / (at(doneAt.length - 1) - at(doneAt.length - 1 - tenth));
    const used = process.cpuUsage(cpu);
    return {
      sent: next,
      created,
      failures,
      firstFailure,
      durationMs,
      meanMs: responseMs / Math.max(1, doneAt.length),
      firstTenthRate,
      lastTenthRate,
      cpuMs: (used.user + used.system) / 1000,
    };
  } finally {
    await pool.close();
  }
}

const arg = process.argv[2];
if (arg === undefined) {
  process.stderr.write('usage: baseline-worker.js SPEC_JSON\n');
  process.exitCode = 2;
} else {
  process.stdout.write(`${JSON.stringify(await main(JSON.parse(arg) as BaselineSpec))}\n`);
}
