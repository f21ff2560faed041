import type { Dispatcher } from 'undici';

export interface OutgoingRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface RawAnswer {
  readonly status: number;
  /** Lower-cased names; a repeated header is an array. */
  readonly headers: Record<string, string | string[] | undefined>;
  /** The whole body, UTF-8 decoded. */
  readonly text: string;
}

/** The attempt's deadline passed before the whole answer was in. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/**
 * One HTTP exchange through undici's dispatcher, the answer collected whole. Lower-level than
 * `pool.request()` on purpose: a SCIM client reads every body in full anyway, and skipping the
 * per-request AbortController, the body stream and undici's own header and body timers saves a
 * good part of the client's CPU per request (which, on a machine shared with the target, is CPU
 * the target does not get). `timeoutMs` bounds the whole exchange: headers and body together.
 */
export function sendRequest(
  dispatcher: Dispatcher,
  request: OutgoingRequest,
  timeoutMs: number,
): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const handler = new CollectingHandler(resolve, reject);
    const timer = setTimeout(() => handler.timeOut(timeoutMs), timeoutMs);
    handler.onSettled = () => clearTimeout(timer);
    dispatcher.dispatch(
      {
        // undici types the method as a closed union; any token is legal HTTP (RFC 9110 §9.1).
        method: request.method as Dispatcher.HttpMethod,
        path: request.path,
        headers: request.headers,
        body: request.body ?? null,
        // The deadline above covers both; undici's own timers would only be more work per request.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      handler,
    );
  });
}

class CollectingHandler implements Dispatcher.DispatchHandlers {
  onSettled: () => void = () => undefined;
  readonly #resolve: (answer: RawAnswer) => void;
  readonly #reject: (error: Error) => void;
  #abort: ((reason: Error) => void) | undefined;
  #abortReason: Error | undefined;
  #settled = false;
  #status = 0;
  #rawHeaders: Buffer[] = [];
  #chunks: Buffer[] = [];

  constructor(resolve: (answer: RawAnswer) => void, reject: (error: Error) => void) {
    this.#resolve = resolve;
    this.#reject = reject;
  }

  timeOut(timeoutMs: number): void {
    const error = new RequestTimeoutError(`no complete answer within ${timeoutMs} ms`);
    this.#fail(error);
    // Still queued for a connection: onConnect aborts it when it gets one.
    if (this.#abort === undefined) this.#abortReason = error;
    else this.#abort(error);
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#abortReason !== undefined) abort(this.#abortReason);
    else this.#abort = abort;
  }

  onHeaders(statusCode: number, rawHeaders: Buffer[] | string[] | null): boolean {
    // 1xx answers (100 Continue) are interim: the final one follows.
    if (statusCode < 200) return true;
    this.#status = statusCode;
    this.#rawHeaders = (rawHeaders ?? []) as Buffer[];
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (this.#settled) return;
    this.#settled = true;
    this.onSettled();
    const chunks = this.#chunks;
    const text =
      chunks.length === 0 ? '' : (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
    this.#resolve({ status: this.#status, headers: parseRawHeaders(this.#rawHeaders), text });
  }

  onError(error: Error): void {
    this.#fail(error);
  }

  #fail(error: Error): void {
    if (this.#settled) return;
    this.#settled = true;
    this.onSettled();
    this.#reject(error);
  }
}

function parseRawHeaders(raw: readonly (Buffer | string)[]): Record<string, string | string[] | undefined> {
  const headers: Record<string, string | string[] | undefined> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!.toString('latin1').toLowerCase();
    const value = raw[i + 1]!.toString('utf8');
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [seen, value];
  }
  return headers;
}
