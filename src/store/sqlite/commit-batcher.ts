import type Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import type { WalSync } from './wal-sync.js';

/** The shared transaction ended before its commit (SQLite rolls back on some errors, e.g. a full disk). */
export class CommitFailed extends StoreError {
  override readonly name = 'CommitFailed';
}

interface Batch {
  readonly done: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const done = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // A batch that nobody waits for (its writers were rolled back) must not crash the process.
  done.catch(() => undefined);
  return { done, resolve, reject };
}

const SAVEPOINT = 'scimsync_write';

export interface CommitBatcherOptions {
  /** Acknowledge writes only once on disk; without it, writes return at their batch's commit. */
  readonly walSync?: WalSync | undefined;
  /** Runs after each commit (e.g. asks for a checkpoint). */
  readonly afterCommit?: (() => void) | undefined;
  /**
   * Lets the WAL restart under sustained writes (see BackgroundCheckpointer): after a commit, when
   * `wantsRestart()`, new transactions wait until `drain()` resolves (at most {@link MAX_PAUSE_MS}).
   */
  readonly walRestart?: { wantsRestart(): boolean; drain(): Promise<void> } | undefined;
  /** Least time between two pauses, whatever keeps the WAL from restarting (another process reading); 1 s by default. */
  readonly minPauseIntervalMs?: number | undefined;
}

/** The longest writes wait for a WAL restart; a stuck checkpoint must not stop them. */
export const MAX_PAUSE_MS = 250;
const MIN_PAUSE_INTERVAL_MS = 1_000;

/**
 * Group commit at the transaction level. Writes share one SQLite transaction, committed at the
 * end of the event loop's turn or, while the previous batch's fsync runs, as soon as that fsync
 * ends; each writer's own transaction is a savepoint inside it, so a failing writer rolls back
 * only its own changes.
 *
 * Why: under concurrent load a commit, not the inserts, was most of a write's cost (a POST of a
 * user dirtied about 18 pages, 75 KB of WAL, and most of them — the tails of the table, of its
 * time indexes and of the audit log — were the same pages the previous POST had written). Writes
 * sharing a commit write those pages once. A writer is acknowledged only when the shared commit
 * is durable ({@link WalSync}); reads of other requests on the same connection may see a write
 * before its commit, as they already could see a commit before its fsync.
 */
export class CommitBatcher {
  readonly #db: Database.Database;
  readonly #walSync: WalSync | undefined;
  readonly #begin: Database.Statement;
  readonly #commit: Database.Statement;
  readonly #rollback: Database.Statement;
  readonly #savepoint: Database.Statement;
  readonly #release: Database.Statement;
  readonly #rollbackTo: Database.Statement;
  #open: Batch | undefined;
  /** A caller's transaction (savepoint) is running: the batch must not commit under it. */
  #inWrite = false;
  #flushAfterWrite = false;
  /** The batch the connection's current holder wrote into, which it must wait for. */
  #holderBatch: Batch | undefined;
  /** An fsync of committed batches is running; the open batch commits when it ends. */
  #syncing = false;
  #commits = 0;

  readonly #afterCommit: (() => void) | undefined;
  readonly #walRestart: CommitBatcherOptions['walRestart'];
  readonly #minPauseIntervalMs: number;
  #paused: Promise<void> | undefined;
  #lastPause = -Infinity;

  constructor(db: Database.Database, options: CommitBatcherOptions = {}) {
    this.#db = db;
    this.#walSync = options.walSync;
    this.#afterCommit = options.afterCommit;
    this.#walRestart = options.walRestart;
    this.#minPauseIntervalMs = options.minPauseIntervalMs ?? MIN_PAUSE_INTERVAL_MS;
    // `BEGIN IMMEDIATE` takes the write lock up front, so two processes never both read and
    // then fail to upgrade (SQLITE_BUSY without waiting); busy_timeout then queues writers.
    this.#begin = db.prepare('begin immediate');
    this.#commit = db.prepare('commit');
    this.#rollback = db.prepare('rollback');
    this.#savepoint = db.prepare(`savepoint ${SAVEPOINT}`);
    this.#release = db.prepare(`release ${SAVEPOINT}`);
    this.#rollbackTo = db.prepare(`rollback to ${SAVEPOINT}`);
  }

  /** Shared commits made so far (for tests and diagnostics). */
  get commits(): number {
    return this.#commits;
  }

  /** Before a statement that writes outside a caller's transaction: it joins the open batch. */
  beforeWrite(): void {
    if (!this.#inWrite) this.#holderBatch = this.#ensureOpen();
  }

  /** Resolves when transactions may begin (at once, unless writes pause for a WAL restart). */
  writable(): Promise<void> | undefined {
    return this.#paused;
  }

  /** A caller's transaction begins: a savepoint in the open batch. */
  beginWrite(): void {
    this.#holderBatch = this.#ensureOpen();
    this.#savepoint.run();
    this.#inWrite = true;
  }

  /** The caller's transaction ends; rolled back, it leaves nothing in the batch to wait for. */
  endWrite(commit: boolean): void {
    try {
      if (this.#db.inTransaction) {
        if (!commit) this.#rollbackTo.run();
        this.#release.run();
      }
    } finally {
      this.#inWrite = false;
      if (!commit) this.#holderBatch = undefined;
      if (this.#flushAfterWrite) {
        this.#flushAfterWrite = false;
        this.flush();
      }
    }
  }

  /**
   * What the connection's current holder must wait for before acknowledging its writes (the
   * commit and fsync of its batch), or undefined when it wrote nothing; resets for the next holder.
   */
  takeHolderWait(): Promise<void> | undefined {
    const batch = this.#holderBatch;
    this.#holderBatch = undefined;
    return batch?.done;
  }

  /** Commits the open batch now (unless a caller's transaction is running: then right after it). */
  flush(): void {
    if (this.#open === undefined) return;
    if (this.#inWrite) {
      this.#flushAfterWrite = true;
      return;
    }
    const batch = this.#open;
    this.#open = undefined;
    try {
      if (!this.#db.inTransaction)
        throw new CommitFailed('the transaction was rolled back before its commit');
      this.#commit.run();
      this.#commits++;
    } catch (error) {
      if (this.#db.inTransaction) this.#rollback.run();
      batch.reject(error);
      return;
    }
    this.#afterCommit?.();
    this.#pauseForWalRestart();
    if (this.#walSync === undefined) {
      batch.resolve();
      return;
    }
    this.#syncing = true;
    this.#walSync
      .sync()
      .then(batch.resolve, batch.reject)
      .finally(() => {
        this.#syncing = false;
        this.flush();
      });
  }

  /** Commits what is open and waits until it is durable (before closing the database). */
  async close(): Promise<void> {
    const batch = this.#open;
    this.flush();
    await batch?.done;
  }

  #pauseForWalRestart(): void {
    const restart = this.#walRestart;
    if (restart === undefined || this.#paused !== undefined || !restart.wantsRestart()) return;
    const now = Date.now();
    if (now - this.#lastPause < this.#minPauseIntervalMs) return;
    this.#lastPause = now;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_PAUSE_MS)));
    this.#paused = Promise.race([restart.drain(), timeout]).finally(() => {
      clearTimeout(timer);
      this.#paused = undefined;
    });
  }

  #ensureOpen(): Batch {
    if (this.#open !== undefined && !this.#db.inTransaction) {
      // SQLite ended the transaction itself after an error: its writes are gone.
      this.#open.reject(new CommitFailed('the transaction was rolled back by SQLite after an error'));
      this.#open = undefined;
    }
    if (this.#open === undefined) {
      this.#begin.run();
      this.#open = newBatch();
      // While an fsync runs, the batch stays open and commits when it ends: a write committed
      // now could not be acknowledged before the next fsync anyway, so the wait costs no
      // latency and every write arriving meanwhile shares the commit.
      if (!this.#syncing) setImmediate(() => this.flush());
    }
    return this.#open;
  }
}
