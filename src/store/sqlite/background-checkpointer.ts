import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The worker: its own connection to the same file, running `wal_checkpoint(PASSIVE)` on request.
 * A passive checkpoint never takes the write lock, so the main connection keeps committing while
 * it copies pages; `synchronous = NORMAL` makes it fsync the WAL before and the database after,
 * as SQLite's own automatic checkpoint would. Plain CommonJS evaluated as a worker, so it runs the
 * same from TypeScript sources (tests, tsx) and from the built package.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
parentPort.on('message', (message) => {
  if (message === 'close') {
    if (db !== undefined) db.close();
    parentPort.close();
    return;
  }
  try {
    if (db === undefined) {
      db = new Database(workerData.file);
      db.pragma('synchronous = NORMAL');
    }
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String((error && error.message) || error) });
  }
});
`;

type Report = { ok: true; busy: number; log: number; checkpointed: number } | { ok: false; message: string };

export interface CheckpointStats {
  /** Checkpoints run by the worker. */
  readonly runs: number;
  /** The last run's answer: frames in the WAL, and how many of them are in the database. */
  readonly walFrames: number;
  readonly checkpointedFrames: number;
  /** Why the worker stopped, when it did (the main connection's own checkpoints then take over). */
  readonly failure?: string;
}

/**
 * Runs SQLite's WAL checkpoints in a worker thread instead of inside the commits of the main
 * connection. A checkpoint copies the WAL's pages into the database file and fsyncs both; run
 * by the writer at commit (SQLite's automatic checkpoint, every 1,000 pages) it blocked the
 * event loop for the copy and two fsyncs every few hundred writes, which was both a tenth of a
 * loaded server's CPU and its slowest requests.
 *
 * The main connection keeps a far larger automatic checkpoint as a backstop: a passive
 * checkpoint that runs while writes continue cannot restart the WAL (SQLite restarts it only when
 * a checkpoint has caught up with every frame), so under sustained writes the backstop's own
 * checkpoint, which finds almost every frame already copied, is what lets the WAL restart.
 */
export class BackgroundCheckpointer {
  readonly #worker: Worker;
  readonly #onFailure: () => void;
  #pending = false;
  #again = false;
  #runs = 0;
  #walFrames = 0;
  #checkpointedFrames = 0;
  #failure: string | undefined;
  #exited: Promise<void>;

  /** `onFailure` runs once if the worker stops working (restore the main connection's checkpoints). */
  constructor(file: string, onFailure: () => void) {
    this.#onFailure = onFailure;
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    // A server's idle checkpointer must not keep the process alive.
    this.#worker.unref();
    this.#exited = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.on('message', (report: Report) => this.#onReport(report));
    this.#worker.on('error', (error: unknown) => this.#fail(error));
  }

  get stats(): CheckpointStats {
    return {
      runs: this.#runs,
      walFrames: this.#walFrames,
      checkpointedFrames: this.#checkpointedFrames,
      ...(this.#failure === undefined ? {} : { failure: this.#failure }),
    };
  }

  /** After a commit: checkpoint what the WAL holds (once more after the running one, if any). */
  request(): void {
    if (this.#failure !== undefined) return;
    if (this.#pending) {
      this.#again = true;
      return;
    }
    this.#pending = true;
    this.#worker.postMessage('run');
  }

  async close(): Promise<void> {
    if (this.#failure === undefined) this.#worker.postMessage('close');
    else await this.#worker.terminate();
    await this.#exited;
  }

  #onReport(report: Report): void {
    this.#pending = false;
    if (!report.ok) {
      this.#fail(report.message);
      return;
    }
    this.#runs++;
    this.#walFrames = report.log;
    this.#checkpointedFrames = report.checkpointed;
    if (this.#again) {
      this.#again = false;
      this.request();
    }
  }

  #fail(error: unknown): void {
    if (this.#failure !== undefined) return;
    this.#failure =
      typeof error === 'object' && error !== null && 'message' in error
        ? String(error.message)
        : String(error);
    this.#onFailure();
  }
}
