/**
 * A programmable HTTP server on 127.0.0.1 for testing the SCIM client against real sockets:
 * status sequences, Retry-After, delays, reset sockets, HTML answers. It counts connections and
 * the most requests it had in flight at once.
 *
 * @example
 * const server = await startFaultServer();
 * server.answer('GET', '/Users', [{ status: 503 }, { status: 200, body: listResponse([]) }]);
 * const client = new ScimClient({ baseUrl: server.url, token: 't' });
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface FaultAnswer {
  /** Default 200. */
  readonly status?: number;
  /** Sent as JSON (`application/scim+json` unless `contentType` says otherwise). */
  readonly body?: unknown;
  /** Sent verbatim instead of `body`. */
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait before answering. */
  readonly delayMs?: number;
  /** Destroy the socket instead of answering (the client sees a reset). */
  readonly reset?: boolean;
  /** Send the head, then never finish the body. */
  readonly stallBody?: boolean;
}

export interface RecordedRequest {
  readonly method: string;
  /** Relative to the base path, with the raw query. */
  readonly path: string;
  /** Relative to the base path, without the query. */
  readonly pathname: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One answer (repeated), a sequence (each used once, the last repeated), or a function. */
export type FaultRoute =
  FaultAnswer | readonly FaultAnswer[] | ((request: RecordedRequest) => FaultAnswer | Promise<FaultAnswer>);

export interface FaultServer {
  /** Origin plus base path, e.g. `http://127.0.0.1:40123/scim/v2`. */
  readonly url: string;
  readonly port: number;
  readonly requests: readonly RecordedRequest[];
  /** TCP connections accepted so far. */
  readonly connections: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Routes `method path` (path relative to the base path, no query); replaces an earlier route. */
  answer(method: string, path: string, route: FaultRoute): this;
  /** What unrouted requests get (default: a SCIM 404). */
  fallback(route: FaultRoute): this;
  close(): Promise<void>;
}

export interface FaultServerOptions {
  /** Default `/scim/v2`. */
  readonly basePath?: string;
}

const NOT_FOUND: FaultAnswer = {
  status: 404,
  body: {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    status: '404',
    detail: 'Resource not found',
  },
};

/** A ListResponse body, for answers. */
export function listResponse(
  resources: readonly unknown[],
  totalResults = resources.length,
): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

class RouteCursor {
  #used = 0;
  constructor(readonly route: FaultRoute) {}

  async next(request: RecordedRequest): Promise<FaultAnswer> {
    if (typeof this.route === 'function') return this.route(request);
    if (!Array.isArray(this.route)) return this.route as FaultAnswer;
    const sequence = this.route as readonly FaultAnswer[];
    const answer = sequence[Math.min(this.#used, sequence.length - 1)];
    this.#used++;
    return answer ?? NOT_FOUND;
  }
}

function send(res: ServerResponse, answer: FaultAnswer): void {
  const status = answer.status ?? 200;
  let payload: string | undefined;
  let contentType = answer.contentType;
  if (answer.text !== undefined) payload = answer.text;
  else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    contentType ??= 'application/scim+json';
  }
  res.statusCode = status;
  if (contentType !== undefined) res.setHeader('content-type', contentType);
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  if (answer.stallBody === true) {
    res.setHeader('content-length', String(Buffer.byteLength(payload ?? '') + 100));
    res.flushHeaders();
    if (payload !== undefined) res.write(payload);
    return;
  }
  res.end(payload);
}

export async function startFaultServer(options: FaultServerOptions = {}): Promise<FaultServer> {
  const basePath = (options.basePath ?? '/scim/v2').replace(/\/+$/, '');
  const routes = new Map<string, RouteCursor>();
  let fallback = new RouteCursor(NOT_FOUND);
  const requests: RecordedRequest[] = [];
  let connections = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = (): void => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('close', finish);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const raw = req.url ?? '/';
        const relative = raw.startsWith(basePath) ? raw.slice(basePath.length) || '/' : raw;
        const url = new URL(relative, 'http://fault.test');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: relative,
          pathname: decodeURIComponent(url.pathname),
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(recorded);
        const cursor = routes.get(`${recorded.method} ${recorded.pathname}`) ?? fallback;
        const answer = await cursor.next(recorded);
        if (answer.delayMs !== undefined) await delay(answer.delayMs);
        if (answer.reset === true) {
          req.socket.destroy();
          return;
        }
        if (!res.destroyed) send(res, answer);
      })();
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const api: FaultServer = {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    requests,
    get connections() {
      return connections;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    answer(method, path, route) {
      routes.set(`${method.toUpperCase()} ${path}`, new RouteCursor(route));
      return api;
    },
    fallback(route) {
      fallback = new RouteCursor(route);
      return api;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
  return api;
}
