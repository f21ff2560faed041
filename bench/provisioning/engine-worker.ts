/**
 * One provisioning cycle in a fresh process, so its peak RSS (VmHWM) is the engine's own:
 * `engine-worker.js SPEC_JSON`. With `configure` in the spec the job is (re)configured first
 * (target schema discovery included, outside the timing). Prints one JSON line: the summary,
 * phase timings from the progress events, requests by phase and method, and the peak RSS.
 */
import { readFile } from 'node:fs/promises';
import { ProvisioningService, SecretBox } from '../../src/provisioning/index.js';
import { openStore, type StoreConfig } from '../../src/store/index.js';

export interface EngineSpec {
  readonly store: StoreConfig;
  readonly application: string;
  readonly secretKey: string;
  readonly configure?: {
    readonly scimUrl: string;
    readonly token: string;
    readonly concurrency: number;
    readonly bulkCreates: 'auto' | 'off';
  };
}

type Phase = 'users' | 'groups' | 'memberships' | 'references' | 'cleanup';

export interface EngineResult {
  readonly summary: Awaited<ReturnType<ProvisioningService['sync']>>;
  /** Wall time of `sync()` as the caller sees it. */
  readonly wallMs: number;
  /** The phases in the order they ran, each with the ms from the start of `sync()` to its last progress event. */
  readonly phases: readonly { readonly phase: Phase; endMs: number }[];
  /** `METHOD /Endpoint` → requests (GET /Users are the matching lookups, PATCH /Groups the memberships). */
  readonly requestsBy: Record<string, number>;
  /** The same keys → summed response times in ms (where the target spends the cycle). */
  readonly requestMsBy: Record<string, number>;
  readonly peakRssMiB: number;
  /** CPU time (user + system) this process spent in `sync()`. */
  readonly cpuMs: number;
}

async function peakRssMiB(): Promise<number> {
  const status = await readFile('/proc/self/status', 'utf8');
  return Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN) / 1024;
}

async function main(spec: EngineSpec): Promise<EngineResult> {
  // As `scimsync sync` opens it: WAL checkpoints in a worker thread.
  const store = await openStore({ ...spec.store, backgroundCheckpoints: true });
  const service = new ProvisioningService(store, SecretBox.fromText(spec.secretKey, 'bench key'));
  try {
    if (spec.configure !== undefined) {
      await service.configure(spec.application, {
        scimUrl: spec.configure.scimUrl,
        token: spec.configure.token,
        profile: 'generic-scim',
        scope: 'assigned',
        options: { concurrency: spec.configure.concurrency, bulkCreates: spec.configure.bulkCreates },
      });
    }
    const phases: { phase: Phase; endMs: number }[] = [];
    const requestsBy: Record<string, number> = {};
    const requestMsBy: Record<string, number> = {};
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await service.sync(spec.application, {
      onEvent: (event) => {
        if (event.type !== 'progress') return;
        const endMs = performance.now() - started;
        const last = phases.at(-1);
        if (last?.phase === event.phase) last.endMs = endMs;
        else phases.push({ phase: event.phase, endMs });
      },
      onRequest: (request) => {
        const key = `${request.method} /${/^\/?(\w+)/.exec(request.path)?.[1] ?? '?'}`;
        requestsBy[key] = (requestsBy[key] ?? 0) + 1;
        requestMsBy[key] = (requestMsBy[key] ?? 0) + request.durationMs;
      },
    });
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    return { summary, wallMs, phases, requestsBy, requestMsBy, peakRssMiB: await peakRssMiB(), cpuMs };
  } finally {
    await store.close();
  }
}

const arg = process.argv[2];
if (arg === undefined) {
  process.stderr.write('usage: engine-worker.js SPEC_JSON\n');
  process.exitCode = 2;
} else {
  process.stdout.write(`${JSON.stringify(await main(JSON.parse(arg) as EngineSpec))}\n`);
}
