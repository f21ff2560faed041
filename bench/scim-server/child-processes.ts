/**
 * The benchmark's child processes: servers under test (each prints `listening on URL` when
 * ready) and load generators. Every child is tracked and killed when the benchmark ends, fails
 * or is interrupted; every wait has a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LoadResult, LoadSpec } from './load-spec.js';

const HERE = import.meta.dirname;
const live = new Set<ChildProcess>();

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
process.once('exit', killAll);
const cleanups = new Set<() => Promise<void>>();

/**
 * Runs `cleanup` if the benchmark is interrupted (temporary data, databases); the caller still
 * runs it itself on normal completion and on error, then calls the returned `unregister`.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // The interrupted benchmark fails as its servers die; that failure must not end the
    // process before the cleanups below have run.
    const ignore = (): void => undefined;
    process.on('uncaughtException', ignore);
    process.on('unhandledRejection', ignore);
    killAll();
    const timeout = new Promise((resolve) => setTimeout(resolve, 10_000));
    void Promise.race([Promise.allSettled([...cleanups].map((cleanup) => cleanup())), timeout]).then(() =>
      process.exit(130),
    );
  });
}

/** `node [--import tsx] <file> ...args`, tracked until it exits. */
function spawnNode(file: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const loader = file.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...loader, resolve(HERE, file), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export interface ServerProcess {
  readonly name: string;
  readonly origin: string;
  readonly pid: number;
  /** Peak resident set size so far (VmHWM), in MiB. */
  peakRssMiB(): Promise<number>;
  stop(): Promise<void>;
}

export async function startServer(
  name: string,
  file: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const child = spawnNode(file, args, options.env);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const origin = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: not listening after ${options.timeoutMs ?? 120_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name}: exited with ${code} before listening\n${stderr}`));
    });
  });
  const pid = child.pid as number;
  return {
    name,
    origin,
    pid,
    async peakRssMiB() {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
      return kib / 1024;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs one scenario from a second process and returns what autocannon measured. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scimsync-bench-load-'));
  try {
    const specPath = join(dir, 'spec.json');
    await writeFile(specPath, JSON.stringify(spec));
    const child = spawnNode('load-worker.ts', [specPath]);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
    const deadline = (spec.durationSeconds + 60) * 1000;
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), deadline);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    const line = stdout.trim().split('\n').pop() ?? '';
    if (code !== 0 || !line.startsWith('{'))
      throw new Error(`load "${spec.name}" failed (${code})\n${stderr}`);
    return JSON.parse(line) as LoadResult;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
