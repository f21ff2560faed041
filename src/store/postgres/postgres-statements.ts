import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * How the store's statements travel to PostgreSQL: hot ones by name, and the start of a
 * transaction together with what follows it.
 *
 * Named statements. An unnamed statement (what Kysely sends) is parsed, analysed and planned on
 * each execution: for a user joined to its groups that was most of PostgreSQL's CPU per GET
 * (about 280 µs of a 3-table join). A named one is parsed once per connection and its plan kept
 * by PostgreSQL's plan cache (a generic plan only when it costs no more than the custom ones, so
 * skewed values keep their custom plans). Only SQL the store declares hot is named (prepared
 * queries and first pages of learnt filter shapes, a bounded set): each costs memory in every
 * backend for the connection's lifetime.
 *
 * Pipelining. Each round trip costs both processes a wake-up, more than a small statement
 * itself. The pool's clients run in pg's pipeline mode, so a statement sent before the previous
 * one's answer goes out at once. `begin`, and inside a transaction the statements declared
 * `resultUnused` (the audit entry every write appends first), are answered at once and sent
 * ahead of the next statement: a SCIM write pays one round trip for begin, audit entry and its
 * change. Their failure is not lost: the next statement on the connection (at the latest the
 * commit) waits for them and throws the first error, and PostgreSQL has aborted the transaction.
 *
 * One write for them. pg writes each statement to the socket on its own, and on loopback a
 * socket write was the node process's largest cost (a third of its CPU for a PATCH: the kernel
 * delivers the bytes and wakes the backend inside the write). Deferred statements cork the
 * socket; the statement that waits for an answer uncorks it, so they leave in one write.
 */
const names = new Map<string, string>();
const resultUnused = new Set<string>();
/** Statements named per process at most; later ones run unnamed as before. */
const MAX_NAMED = 500;

/**
 * Declares `sql` hot: from now on it runs as a named statement on every connection. With
 * `resultUnused`, no caller reads its result (rows, affected count) inside a transaction.
 */
export function nameStatement(sql: string, options: { resultUnused?: boolean } = {}): void {
  // Answered with an INSERT's result shape (one row affected), so only inserts qualify.
  if (options.resultUnused === true && /^\s*insert\s/i.test(sql)) resultUnused.add(sql);
  if (names.has(sql) || names.size >= MAX_NAMED) return;
  // The name is a function of the text: pg refuses one name for two texts on a connection.
  names.set(sql, `scimsync_${createHash('sha1').update(sql).digest('base64url')}`);
}

/** The pool options that {@link prepareClient} relies on. */
export const PIPELINED_CLIENTS = { pipeline: true } as const;

/** The socket under a pg client: corked writes leave together at uncork. */
interface CorkableStream {
  cork(): void;
  uncork(): void;
}

type QueryFunction = (config: unknown, values?: unknown, callback?: unknown) => unknown;
type QueryResult = Pick<pg.QueryResult, 'command' | 'rowCount' | 'rows'>;

const BEGIN_RESULT: QueryResult = Object.freeze({ command: 'BEGIN', rowCount: null, rows: [] });
const ignore = (): void => undefined;

/**
 * Makes a pooled client send declared statements by name and defer `begin` and result-unused
 * statements (see above). Kysely calls `query(sql, parameters)`; other call shapes (callbacks,
 * config objects) pass through unchanged, after anything deferred.
 */
export function prepareClient(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  /** Sent, not yet awaited: settles with the first failure among them. */
  let deferred: Promise<unknown> | undefined;
  let inTransaction = false;
  const socket = (client as unknown as { connection?: { stream?: CorkableStream } }).connection?.stream;
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    socket?.uncork();
  };
  const cork = (): void => {
    if (corked || socket === undefined) return;
    corked = true;
    socket.cork();
    // The statement that would uncork may never come in this turn (the caller awaits something
    // else first): what is corked leaves by the next turn of the event loop at the latest.
    setImmediate(uncork);
  };

  const send = (text: string, values: unknown[]): Promise<QueryResult> => {
    const name = names.get(text);
    return (name === undefined ? query(text, values) : query({ name, text, values })) as Promise<QueryResult>;
  };
  /** Sends a statement whose answer the caller waits for, with whatever is corked before it. */
  const sendNow = (text: string, values: unknown[]): Promise<QueryResult> => {
    try {
      return send(text, values);
    } finally {
      uncork();
    }
  };
  const defer = (sent: Promise<unknown>): void => {
    sent.catch(ignore);
    const before = deferred;
    deferred = before === undefined ? sent : before.then(() => sent);
    deferred.catch(ignore);
  };
  const afterDeferred = <T>(sent: Promise<T>): Promise<T> => {
    const before = deferred;
    if (before === undefined) return sent;
    deferred = undefined;
    sent.catch(ignore);
    return before.then(() => sent);
  };

  const prepared: QueryFunction = (config, values, callback) => {
    if (typeof config !== 'string' || !Array.isArray(values) || callback !== undefined) {
      uncork();
      if (deferred === undefined) return query(config, values, callback);
      return afterDeferred(Promise.resolve()).then(() => query(config, values, callback));
    }
    if (values.length === 0 && config === 'begin') {
      inTransaction = true;
      cork();
      defer(query(config, values) as Promise<unknown>);
      return Promise.resolve(BEGIN_RESULT);
    }
    if (inTransaction && resultUnused.has(config)) {
      cork();
      defer(send(config, values));
      return Promise.resolve({ command: 'INSERT', rowCount: 1, rows: [] } satisfies QueryResult);
    }
    if (values.length === 0 && config === 'rollback') {
      // A rollback undoes the deferred statements too; their failure must not fail it.
      inTransaction = false;
      const before = deferred;
      deferred = undefined;
      uncork();
      return (before ?? Promise.resolve()).catch(ignore).then(() => send(config, values));
    }
    if (values.length === 0 && config === 'commit') inTransaction = false;
    return afterDeferred(sendNow(config, values));
  };
  (client as unknown as { query: QueryFunction }).query = prepared;
}
