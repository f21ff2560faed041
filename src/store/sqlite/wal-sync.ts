import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Group commit for SQLite in WAL mode. Commits run with `synchronous=NORMAL` (no fsync on the
 * event loop); before a write is acknowledged, `sync()` fsyncs the WAL file from libuv's thread
 * pool. Every commit made before an fsync starts is on disk when it ends, so concurrent writers
 * share one fsync: the durability of `synchronous=FULL` (a power loss keeps every acknowledged
 * write) at a fraction of its cost, and without blocking the event loop.
 *
 * Linux flushes a file's pages whichever descriptor fsync is called on, so a read-only
 * descriptor of our own suffices. A checkpoint (which copies the WAL into the database and may
 * restart the WAL) syncs the WAL first and the database after in NORMAL mode, so frames it moves
 * stay durable too.
 */
export class WalSync {
  readonly #path: string;
  readonly #fsync: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;
  #fd: number | undefined;
  #inFlight: Promise<void> | undefined;
  #next: Promise<void> | undefined;
  #count = 0;

  constructor(
    walPath: string,
    options: { fsync?: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void } = {},
  ) {
    this.#path = walPath;
    // fdatasync, as SQLite itself uses on Linux: the data and the metadata needed to read it back
    // (the file's size), without a journal commit for timestamps when the WAL is reused in place.
    this.#fsync = options.fsync ?? fdatasync;
  }

  /** fsyncs started so far (for tests and diagnostics). */
  get count(): number {
    return this.#count;
  }

  /** Resolves once everything committed before the call is on disk. */
  sync(): Promise<void> {
    if (this.#next !== undefined) return this.#next;
    if (this.#inFlight === undefined) return this.#start();
    // The running fsync may have started before this caller's commit: queue one more, shared by
    // every caller that arrives until it starts.
    const next = this.#inFlight
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.#start();
      });
    this.#next = next;
    return next;
  }

  close(): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
  }

  #start(): Promise<void> {
    this.#count++;
    const run = new Promise<void>((resolve, reject) => {
      // Opened on first use: the WAL file exists once the first write has committed.
      this.#fd ??= openSync(this.#path, 'r');
      this.#fsync(this.#fd, (error) => (error === null ? resolve() : reject(error)));
    });
    const inFlight = run.finally(() => {
      if (this.#inFlight === inFlight) this.#inFlight = undefined;
    });
    this.#inFlight = inFlight;
    return inFlight;
  }
}
