import { setTimeout as delay } from 'node:timers/promises';
import { Pool } from 'undici';
import {
  getMember,
  isJsonObject,
  PATCH_OP_SCHEMA,
  SCIM_MEDIA_TYPE,
  type JsonObject,
} from '../../scim/index.js';
import {
  describeNonJson,
  failureFromAnswer,
  failureFromNetworkError,
  notScimFailure,
  type AttemptFailure,
} from './classify-failure.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { buildRelativePath, resourcePath, type QueryParams } from './request-path.js';
import { backoffDelay, parseRetryAfter } from './retry-policy.js';
import { RequestTimeoutError, sendRequest } from './send-request.js';
import { ScimClientError, type ScimClientErrorCode } from './scim-client-error.js';

export interface ScimRequestEvent {
  readonly method: string;
  /** Relative to the base URL, with the query. */
  readonly path: string;
  /** 1-based. */
  readonly attempt: number;
  readonly status?: number;
  readonly durationMs: number;
  readonly errorCode?: ScimClientErrorCode;
  /** Set when another attempt follows after this wait. */
  readonly retryInMs?: number;
}

export interface ScimClientOptions {
  /** E.g. `http://127.0.0.1:8080/scim/directory/abc`; the path prefix is kept. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Most requests in flight (default 8); more wait in FIFO order. Also the pool's connection count. */
  readonly concurrency?: number;
  /** Per attempt, headers and body together (default 30 000). */
  readonly timeoutMs?: number;
  /** Default 5. */
  readonly maxAttempts?: number;
  /** Default 500: full-jitter exponential backoff from this base. */
  readonly retryBaseMs?: number;
  /** Longest wait between attempts (default 30 000), also for Retry-After: a longer ask fails the call. */
  readonly maxRetryDelayMs?: number;
  /** Told about every attempt and its outcome (the provisioning logs use this). Must not throw. */
  readonly onRequest?: (event: ScimRequestEvent) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export type ResourceEndpoint = 'Users' | 'Groups';

export interface ListOptions {
  readonly filter?: string;
  readonly attributes?: readonly string[];
  readonly excludedAttributes?: readonly string[];
  readonly startIndex?: number;
  readonly count?: number;
}

export interface ScimRequestOptions {
  readonly query?: QueryParams;
  readonly body?: unknown;
  /** The body already serialized as JSON (instead of `body`). */
  readonly json?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ScimResponse {
  readonly status: number;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface ScimListPage {
  readonly totalResults: number;
  readonly resources: JsonObject[];
  readonly startIndex: number;
  readonly itemsPerPage: number;
}

export interface PatchOperationInput {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path?: string;
  readonly value?: unknown;
}

type AttemptOutcome =
  | { readonly ok: true; readonly response: ScimResponse }
  | { readonly ok: false; readonly failure: AttemptFailure; readonly status?: number };

const DEFAULTS = {
  concurrency: 8,
  timeoutMs: 30_000,
  maxAttempts: 5,
  retryBaseMs: 500,
  maxRetryDelayMs: 30_000,
} as const;

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, not ${value}`);
  return value;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Resources of a ListResponse, or of the bare array some apps answer discovery with. */
export function listedResources(body: unknown): JsonObject[] | undefined {
  const raw = Array.isArray(body) ? body : isJsonObject(body) ? getMember(body, 'Resources') : undefined;
  if (raw === undefined && isJsonObject(body) && getMember(body, 'totalResults') !== undefined) return [];
  if (!Array.isArray(raw) || !raw.every(isJsonObject)) return undefined;
  return raw;
}

/**
 * A SCIM 2.0 client (RFC 7644) for one service provider: a keep-alive connection pool, bounded
 * concurrency, retries of transient failures, and typed errors that say what went wrong.
 *
 * @example
 * const client = new ScimClient({ baseUrl: 'https://api.atlassian.com/scim/directory/abc', token });
 * const { resources } = await client.list('Users', { filter: 'userName eq "ada@example.com"' });
 * await client.close();
 */
export class ScimClient {
  readonly #origin: URL;
  readonly #basePath: string;
  readonly #host: string;
  /** Built once: most requests send exactly these. */
  readonly #headers: {
    readonly plain: Readonly<Record<string, string>>;
    readonly withBody: Readonly<Record<string, string>>;
  };
  readonly #pool: Pool;
  readonly #limiter: ConcurrencyLimiter;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #retryBaseMs: number;
  readonly #maxRetryDelayMs: number;
  readonly #onRequest: ((event: ScimRequestEvent) => void) | undefined;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #random: () => number;
  #requestCount = 0;
  #closing: Promise<void> | undefined;

  constructor(options: ScimClientOptions) {
    const url = new URL(options.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`the SCIM base URL must be http or https, not ${url.protocol}`);
    }
    this.#origin = url;
    this.#basePath = url.pathname.replace(/\/+$/, '');
    this.#host = url.port === '' ? `${url.hostname}:${url.protocol === 'https:' ? 443 : 80}` : url.host;
    const plain = {
      accept: `${SCIM_MEDIA_TYPE}, application/json`,
      authorization: `Bearer ${options.token}`,
      'user-agent': 'scimsync',
    };
    this.#headers = { plain, withBody: { ...plain, 'content-type': SCIM_MEDIA_TYPE } };
    const concurrency = positiveInteger('concurrency', options.concurrency ?? DEFAULTS.concurrency);
    this.#timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? DEFAULTS.timeoutMs);
    this.#maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? DEFAULTS.maxAttempts);
    this.#retryBaseMs = Math.max(0, options.retryBaseMs ?? DEFAULTS.retryBaseMs);
    this.#maxRetryDelayMs = Math.max(0, options.maxRetryDelayMs ?? DEFAULTS.maxRetryDelayMs);
    this.#onRequest = options.onRequest;
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    this.#random = options.random ?? Math.random;
    this.#limiter = new ConcurrencyLimiter(concurrency);
    this.#pool = new Pool(url.origin, { connections: concurrency });
  }

  /** Attempts sent so far, retries included (for cycle statistics). */
  get requestCount(): number {
    return this.#requestCount;
  }

  /** `host:port` of the target, for messages. */
  get host(): string {
    return this.#host;
  }

  /** The base URL as configured, without a trailing slash. */
  get baseUrl(): string {
    return `${this.#origin.origin}${this.#basePath}`;
  }

  /**
   * Sends one request, retrying 429, 500/502/503/504, timeouts, refused and reset connections
   * up to `maxAttempts`; throws {@link ScimClientError} on the final failure. Any 2xx body must
   * be JSON (or empty).
   */
  async request(method: string, path: string, options: ScimRequestOptions = {}): Promise<ScimResponse> {
    const relative = buildRelativePath(path, options.query);
    const payload = options.json ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    let headers = payload === undefined ? this.#headers.plain : this.#headers.withBody;
    if (options.headers !== undefined) {
      headers = {
        ...headers,
        // Lower-cased so a caller's "Content-Type" replaces ours instead of going out twice.
        ...Object.fromEntries(Object.entries(options.headers).map(([k, v]) => [k.toLowerCase(), v])),
      };
    }
    for (let attempt = 1; ; attempt++) {
      const release = await this.#limiter.acquire();
      const started = performance.now();
      let outcome: AttemptOutcome;
      try {
        this.#requestCount++;
        outcome = await this.#attempt(method, `${this.#basePath}${relative}`, headers, payload);
      } finally {
        release();
      }
      const durationMs = Math.round(performance.now() - started);
      if (outcome.ok) {
        this.#emit({ method, path: relative, attempt, status: outcome.response.status, durationMs });
        return outcome.response;
      }
      const { failure } = outcome;
      const wait = this.#retryWait(failure, attempt);
      this.#emit({
        method,
        path: relative,
        attempt,
        durationMs,
        errorCode: failure.code,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        ...(wait === undefined ? {} : { retryInMs: wait }),
      });
      if (wait === undefined)
        throw new ScimClientError({ ...failure, method, path: relative, attempts: attempt });
      await this.#sleep(wait);
    }
  }

  async list(endpoint: ResourceEndpoint, options: ListOptions = {}): Promise<ScimListPage> {
    const query = {
      filter: options.filter,
      attributes: options.attributes?.join(','),
      excludedAttributes: options.excludedAttributes?.join(','),
      startIndex: options.startIndex,
      count: options.count,
    };
    const response = await this.request('GET', `/${endpoint}`, { query });
    const resources = listedResources(response.body);
    if (resources === undefined || Array.isArray(response.body)) {
      throw this.#notScim(
        'GET',
        buildRelativePath(`/${endpoint}`, query),
        'The answer is not a SCIM ListResponse',
      );
    }
    const body = response.body as JsonObject;
    const numberOr = (name: string, fallback: number): number => {
      const value = Number(getMember(body, name));
      return Number.isFinite(value) ? value : fallback;
    };
    return {
      totalResults: numberOr('totalResults', resources.length),
      resources,
      startIndex: numberOr('startIndex', options.startIndex ?? 1),
      itemsPerPage: numberOr('itemsPerPage', resources.length),
    };
  }

  /** The resource, or undefined on 404. */
  async get(
    endpoint: ResourceEndpoint,
    id: string,
    options: Pick<ListOptions, 'attributes' | 'excludedAttributes'> = {},
  ): Promise<JsonObject | undefined> {
    const query = {
      attributes: options.attributes?.join(','),
      excludedAttributes: options.excludedAttributes?.join(','),
    };
    try {
      const response = await this.request('GET', resourcePath(endpoint, id), { query });
      return this.#resource('GET', buildRelativePath(resourcePath(endpoint, id), query), response);
    } catch (error) {
      if (error instanceof ScimClientError && error.code === 'NotFound') return undefined;
      throw error;
    }
  }

  async create(endpoint: ResourceEndpoint, resource: JsonObject): Promise<JsonObject> {
    const response = await this.request('POST', `/${endpoint}`, { body: resource });
    return this.#resource('POST', `/${endpoint}`, response);
  }

  async replace(endpoint: ResourceEndpoint, id: string, resource: JsonObject): Promise<JsonObject> {
    const path = resourcePath(endpoint, id);
    return this.#resource('PUT', path, await this.request('PUT', path, { body: resource }));
  }

  /** Sends a PatchOp message (RFC 7644 §3.5.2); undefined when the target answers 204 or without a body. */
  async patch(
    endpoint: ResourceEndpoint,
    id: string,
    operations: readonly PatchOperationInput[],
  ): Promise<JsonObject | undefined> {
    const path = resourcePath(endpoint, id);
    const body = { schemas: [PATCH_OP_SCHEMA], Operations: operations };
    const response = await this.request('PATCH', path, { body });
    if (response.body === undefined) return undefined;
    return this.#resource('PATCH', path, response);
  }

  /** A 404 throws NotFound: whether "already gone" counts as done is the engine's call. */
  async delete(endpoint: ResourceEndpoint, id: string): Promise<void> {
    await this.request('DELETE', resourcePath(endpoint, id));
  }

  async serviceProviderConfig(): Promise<JsonObject> {
    return this.#resource(
      'GET',
      '/ServiceProviderConfig',
      await this.request('GET', '/ServiceProviderConfig'),
    );
  }

  /** The Schema resources of `GET /Schemas` (a ListResponse, or a bare array as some apps send). */
  async schemas(): Promise<JsonObject[]> {
    const response = await this.request('GET', '/Schemas');
    const resources = listedResources(response.body);
    if (resources === undefined)
      throw this.#notScim('GET', '/Schemas', 'The answer is not a list of SCIM schemas');
    return resources;
  }

  /** Waits for requests in flight, then closes the connections. */
  async close(): Promise<void> {
    this.#closing ??= this.#pool.close();
    return this.#closing;
  }

  async #attempt(
    method: string,
    path: string,
    headers: Readonly<Record<string, string>>,
    payload: string | undefined,
  ): Promise<AttemptOutcome> {
    let answer;
    try {
      answer = await sendRequest(this.#pool, { method, path, headers, body: payload }, this.#timeoutMs);
    } catch (error) {
      const timedOut = error instanceof RequestTimeoutError;
      return { ok: false, failure: failureFromNetworkError(error, this.#host, timedOut, this.#timeoutMs) };
    }
    const { status, text } = answer;
    const contentType = firstHeader(answer.headers['content-type']);
    let json: unknown;
    let isJson = false;
    if (text.trim() !== '') {
      try {
        json = JSON.parse(text);
        isJson = true;
      } catch {
        // Not JSON: judged below, by status.
      }
    }
    if (status >= 200 && status < 300) {
      if (text.trim() !== '' && !isJson)
        return { ok: false, status, failure: notScimFailure(describeNonJson(contentType, text)) };
      return { ok: true, response: { status, body: json, headers: answer.headers } };
    }
    const failure = failureFromAnswer({
      status,
      contentType,
      text,
      json,
      isJson,
      location: firstHeader(answer.headers['location']),
      retryAfterMs: parseRetryAfter(answer.headers['retry-after'], Date.now()),
    });
    return { ok: false, status, failure };
  }

  /** How long to wait before the next attempt, or undefined to give up now. */
  #retryWait(failure: AttemptFailure, attempt: number): number | undefined {
    if (!failure.retryable || attempt >= this.#maxAttempts) return undefined;
    if (failure.retryAfterMs !== undefined) {
      // A target asking for more than we are willing to sleep is better served by the engine's retry queue.
      return failure.retryAfterMs <= this.#maxRetryDelayMs ? failure.retryAfterMs : undefined;
    }
    return backoffDelay(attempt, {
      baseMs: this.#retryBaseMs,
      capMs: this.#maxRetryDelayMs,
      random: this.#random,
    });
  }

  #resource(method: string, path: string, response: ScimResponse): JsonObject {
    if (isJsonObject(response.body)) return response.body;
    const what = response.body === undefined ? 'an empty body' : `JSON that is not an object`;
    throw this.#notScim(
      method,
      path,
      `The server answered ${response.status} with ${what}, not a SCIM resource`,
    );
  }

  #notScim(method: string, path: string, detail: string): ScimClientError {
    return new ScimClientError({ ...notScimFailure(detail), method, path });
  }

  #emit(event: ScimRequestEvent): void {
    try {
      this.#onRequest?.(event);
    } catch {
      // A failing log hook must not turn a request that reached the target into a failure the engine retries.
    }
  }
}
