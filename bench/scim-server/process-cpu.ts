/**
 * CPU time spent by the server under test and by the PostgreSQL backends serving its database,
 * read from /proc (Linux). On a shared machine wall-clock throughput moves with everyone else's
 * load; CPU time per request of the processes doing the work is the steadier measure.
 */
import { readdir, readFile } from 'node:fs/promises';

/** Kernel clock ticks per second (`getconf CLK_TCK`): 100 on every Linux this runs on. */
const TICKS_PER_SECOND = 100;

/** utime + stime of one process in µs, or undefined when it is gone or /proc is absent. */
async function cpuMicros(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name (which may hold spaces): utime is field 14.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1_000_000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/** PostgreSQL backends whose process title names `database` ("postgres: … user db host(port) …"). */
async function backendPids(database: string): Promise<number[]> {
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
        if (cmdline.startsWith('postgres:') && cmdline.split(' ').includes(database))
          pids.push(Number(entry));
      }),
  );
  return pids;
}

export interface CpuSample {
  readonly server: number;
  readonly backends: ReadonlyMap<number, number>;
}

/** CPU µs spent between two samples. */
export interface CpuSpent {
  readonly serverMicros: number;
  readonly databaseMicros: number | undefined;
}

/** Samples the server's CPU and, given a PostgreSQL database name, its backends' CPU. */
export async function sampleCpu(serverPid: number, database: string | undefined): Promise<CpuSample> {
  const backends = new Map<number, number>();
  if (database !== undefined) {
    for (const pid of await backendPids(database)) {
      const micros = await cpuMicros(pid);
      if (micros !== undefined) backends.set(pid, micros);
    }
  }
  return { server: (await cpuMicros(serverPid)) ?? NaN, backends };
}

export async function cpuSince(
  before: CpuSample,
  serverPid: number,
  database: string | undefined,
): Promise<CpuSpent> {
  const after = await sampleCpu(serverPid, database);
  if (database === undefined)
    return { serverMicros: after.server - before.server, databaseMicros: undefined };
  let databaseMicros = 0;
  // A backend started during the scenario counts in full; one that ended is lost (pools keep theirs).
  for (const [pid, micros] of after.backends) databaseMicros += micros - (before.backends.get(pid) ?? 0);
  return { serverMicros: after.server - before.server, databaseMicros };
}
