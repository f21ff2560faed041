/**
 * The load generator, run as its own process so that it does not share a CPU core's event loop
 * with the server: `node --import tsx load-worker.ts SPEC.json` prints one LoadResult as JSON.
 */
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import { expand, type LoadResult, type LoadSpec } from './load-spec.js';

async function main(specPath: string): Promise<void> {
  const spec = JSON.parse(await readFile(specPath, 'utf8')) as LoadSpec;
  const items = spec.items ?? [''];
  let next = 0;
  const random = (): number => Math.floor(Math.random() * items.length);

  const result = await autocannon({
    url: spec.origin,
    connections: spec.connections,
    duration: spec.durationSeconds,
    maxOverallRequests: Math.max(spec.maxRequests, spec.connections),
    timeout: 30,
    headers: { ...spec.headers },
    requests: [
      {
        setupRequest: (request) => {
          const n = next++;
          const item = items[spec.pick === 'random' ? random() : n % items.length] ?? '';
          request.method = spec.method;
          request.path = expand(spec.pathTemplate, item, n, spec.runId);
          if (spec.bodyTemplate !== undefined) request.body = expand(spec.bodyTemplate, item, n, spec.runId);
          return request;
        },
      },
    ],
  });
  const out: LoadResult = {
    name: spec.name,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / Math.max(result.duration, 0.001),
    durationSeconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

const specPath = process.argv[2];
if (specPath === undefined) {
  process.stderr.write('usage: load-worker.ts SPEC.json\n');
  process.exitCode = 2;
} else {
  await main(specPath);
}
