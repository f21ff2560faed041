/** Where CLI commands write: the process streams in production, buffers in tests. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Reads a file named on the command line (UTF-8). */
  readonly readFile: (path: string) => Promise<string>;
  /** Environment variables (`process.env` in production); absent means none are set. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Resolves (with the signal's name) when a long-running command such as `serve` should stop;
   * by default the first SIGINT or SIGTERM.
   */
  readonly waitForShutdown?: () => Promise<string>;
  /** A terminal to draw progress bars on (stderr when it is a TTY); absent means no bars. */
  readonly progress?: NodeJS.WritableStream;
}

/** A command failure with a message meant for the person at the terminal and an exit code. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
