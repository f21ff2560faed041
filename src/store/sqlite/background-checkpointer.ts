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

/** 16,384 pages (64 MiB of 4 KiB pages). */
export const DEFAULT_RESTART_FRAMES = 16_384;

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
 * A passive checkpoint that runs while writes continue never catches up with the last frame, and
 * SQLite restarts the WAL (writes it again from the start) only after a checkpoint that did: under
 * sustained writes the WAL would grow without end. So once it holds {@link restartFrames} frames,
 * {@link wantsRestart} says so and the writer pauses (without blocking the event loop) while
 * {@link drain} runs one complete checkpoint of the few frames left; its next write restarts the WAL.
 */
export class BackgroundCheckpointer {
  readonly #worker: Worker;
  readonly #onFailure: () => void;
  readonly #restartFrames: number;
  #pending = false;
  #again = false;
  /** Resolved when the run now in progress ends / when the next run to start ends. */
  #waitingForCurrent: (() => void)[] = [];
  #waitingForNext: (() => void)[] = [];
  #runs = 0;
  #walFrames = 0;
  #checkpointedFrames = 0;
  #failure: string | undefined;
  #exited: Promise<void>;

  /**
   * `onFailure` runs once if the worker stops working (restore the main connection's checkpoints).
   * `restartFrames`: WAL size, in pages, at which the writer should let the WAL restart.
   */
  constructor(file: string, onFailure: () => void, options: { restartFrames?: number } = {}) {
    this.#onFailure = onFailure;
    this.#restartFrames = options.restartFrames ?? DEFAULT_RESTART_FRAMES;
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
    this.#waitingForCurrent = this.#waitingForNext;
    this.#waitingForNext = [];
    this.#worker.postMessage('run');
  }

  /** Whether the WAL has grown to the size at which the writer should let it restart. */
  wantsRestart(): boolean {
    return this.#failure === undefined && this.#walFrames >= this.#restartFrames;
  }

  /**
   * Resolves when a checkpoint that started after the call has ended (or the worker failed):
   * with no write in between, it has copied every frame, and the next write restarts the WAL.
   */
  drain(): Promise<void> {
    if (this.#failure !== undefined) return Promise.resolve();
    const drained = new Promise<void>((resolve) => this.#waitingForNext.push(resolve));
    this.request();
    return drained.then(() => {
      // The restart happens at the next write; until a run reports again, the WAL counts as new.
      this.#walFrames = 0;
    });
  }

  async close(): Promise<void> {
    // Unreferenced, the worker's exit would not keep the event loop alive for this await.
    this.#worker.ref();
    if (this.#failure === undefined) this.#worker.postMessage('close');
    else await this.#worker.terminate();
    await this.#exited;
    this.#release();
  }

  #onReport(report: Report): void {
    this.#pending = false;
    const finished = this.#waitingForCurrent;
    this.#waitingForCurrent = [];
    if (!report.ok) {
      this.#fail(report.message);
      return;
    }
    this.#runs++;
    this.#walFrames = report.log;
    this.#checkpointedFrames = report.checkpointed;
    for (const resolve of finished) resolve();
    if (this.#again || this.#waitingForNext.length > 0) {
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
    this.#release();
    this.#onFailure();
  }

  /** Nobody waits on a worker that is gone. */
  #release(): void {
    for (const resolve of [...this.#waitingForCurrent, ...this.#waitingForNext]) resolve();
    this.#waitingForCurrent = [];
    this.#waitingForNext = [];
  }
}
