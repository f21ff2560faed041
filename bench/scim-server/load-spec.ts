/**
 * One load scenario, as handed to the load-generator child process (load-worker.ts) in a JSON
 * file. `{{item}}` in the path or body is replaced by the next entry of `items` (in order, or at
 * random); `{{n}}` by a per-run counter, for values that must be unique.
 */
export interface LoadSpec {
  readonly name: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly pathTemplate: string;
  readonly bodyTemplate?: string;
  readonly items?: readonly string[];
  readonly pick?: 'random' | 'sequential';
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationSeconds: number;
  /** Upper bound on requests, whatever the duration (e.g. the number of unique items). */
  readonly maxRequests: number;
  /** Unique prefix for `{{n}}` so that reruns against the same data do not collide. */
  readonly runId: string;
}

export interface LoadResult {
  readonly name: string;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** How long the load actually ran. */
  readonly durationSeconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/** Fills the `{{item}}` / `{{n}}` / `{{run}}` placeholders. */
export function expand(template: string, item: string, n: number, runId: string): string {
  return template.replaceAll('{{item}}', item).replaceAll('{{n}}', String(n)).replaceAll('{{run}}', runId);
}
