/**
 * Throughput measurement for comparing two implementations in one process: both run the same
 * input in alternating rounds, so a noisy shared machine slows both alike and the ratio holds.
 * Every loop is bounded by time and by count.
 */
export interface Contender {
  readonly name: string;
  readonly run: () => unknown;
}

export interface Measurement {
  readonly name: string;
  /** Median operations per second over the rounds. */
  readonly opsPerSecond: number;
}

export interface MeasureOptions {
  readonly rounds?: number;
  readonly roundMs?: number;
  readonly maxIterationsPerRound?: number;
}

let sink: unknown;

function runFor(contender: Contender, ms: number, maxIterations: number): number {
  const deadline = performance.now() + ms;
  let iterations = 0;
  const start = performance.now();
  // Check the clock every 64 iterations: reading it costs as much as a fast operation.
  while (iterations < maxIterations) {
    for (let i = 0; i < 64; i++) sink = contender.run();
    iterations += 64;
    if (performance.now() >= deadline) break;
  }
  return (iterations * 1000) / (performance.now() - start);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function measure(contenders: readonly Contender[], options: MeasureOptions = {}): Measurement[] {
  const rounds = options.rounds ?? 7;
  const roundMs = options.roundMs ?? 300;
  const maxIterations = options.maxIterationsPerRound ?? 5_000_000;
  for (const contender of contenders) runFor(contender, 100, maxIterations); // warm-up, JIT
  const samples = contenders.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    contenders.forEach((contender, i) => samples[i]?.push(runFor(contender, roundMs, maxIterations)));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return contenders.map((contender, i) => ({ name: contender.name, opsPerSecond: median(samples[i] ?? []) }));
}

export function formatRate(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString('en-US');
}

/** A Markdown table, so the output can be pasted into docs/BENCHMARKS.md as it is. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
