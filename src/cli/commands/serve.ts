import { createServer } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { DirectoryService } from '../../directory/index.js';
import { parsePort, parsePositive } from '../option-parsers.js';
import { buildApp } from '../../http/index.js';
import { ensureAdminToken } from '../../server/index.js';
import { CliError, type CliIo } from '../io.js';
import { resolvePublicUrl } from '../run-with-tenants.js';
import { waitForProcessSignal } from '../shutdown-signal.js';
import { addStoreOptions, openCliStore, type StoreOptions } from '../store-options.js';
import { missingV8Flags } from '../v8-flags.js';

export const ADMIN_TOKEN_ENV = 'SCIMSYNC_ADMIN_TOKEN';
export const LOG_LEVEL_ENV = 'SCIMSYNC_LOG_LEVEL';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

interface ServeOptions extends StoreOptions {
  readonly host: string;
  readonly port: number;
  readonly publicUrl?: string;
  readonly logLevel?: string;
  readonly rateLimit?: number;
  readonly rateLimitBurst?: number;
  readonly bodyLimit?: number;
}

/**
 * V8 flags `serve` sets on itself. V8 lets the old generation grow up to four times its live size
 * between full collections when the allocation rate is high: under load the server's heap, 26 MiB
 * live, reached 128 MiB (old space 93 MiB) and its RSS 212–216 MiB in some runs. Growing by half
 * at most keeps the peak near 157 MiB with no throughput change we could measure (interleaved
 * runs on 100,000 users). This flag is read at each collection, so setting it at run time works;
 * the heap-size flags (`--max-semi-space-size`, `--max-old-space-size`) are read at startup only
 * (see STARTUP_V8_FLAGS for the one `sync` gets).
 */
export const SERVE_V8_FLAGS = ['--heap-growing-percent=50'] as const;

/** {@link SERVE_V8_FLAGS} minus those the operator gave node already (command line or NODE_OPTIONS). */
export function serveV8Flags(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  return missingV8Flags(SERVE_V8_FLAGS, execArgv, nodeOptions);
}

/** `scimsync serve`: the composition root of the server — store, services, app, socket. */
export function registerServeCommand(program: Command, io: CliIo): void {
  addStoreOptions(
    program
      .command('serve')
      .description('Run the SCIM service provider and the admin API.')
      .option('--host <host>', 'interface to listen on', '127.0.0.1')
      .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
      .option('--public-url <url>', 'origin clients reach this server at (default http://HOST:PORT)')
      .option('--log-level <level>', `request log level: ${LOG_LEVELS.join(', ')} (env ${LOG_LEVEL_ENV})`)
      .option('--rate-limit <rps>', 'SCIM requests per second per tenant (default: no limit)', parsePositive)
      .option(
        '--rate-limit-burst <n>',
        'requests a tenant may send at once (default: the rate)',
        parsePositive,
      )
      .option(
        '--body-limit <bytes>',
        'largest SCIM request body (default: 1 MiB or the Bulk limit)',
        parsePositive,
      ),
  ).action(async (options: ServeOptions) => {
    if (options.rateLimitBurst !== undefined && options.rateLimit === undefined) {
      throw new CliError('--rate-limit-burst needs --rate-limit');
    }
    for (const flag of serveV8Flags(process.execArgv, io.env?.['NODE_OPTIONS'])) setFlagsFromString(flag);
    const logLevel = options.logLevel ?? (io.env?.[LOG_LEVEL_ENV] || 'warn');
    if (!LOG_LEVELS.includes(logLevel)) throw new CliError(`unknown log level "${logLevel}"`);
    // Port 0 is settled before the app is built, so that the public URL names the real port.
    const port = options.port === 0 ? await findFreePort(options.host) : options.port;
    const origin = `http://${hostForUrl(options.host)}:${port}`;
    const publicUrl = resolvePublicUrl(options.publicUrl, io, origin);
    const store = await openCliStore(options, io, { backgroundCheckpoints: true });
    try {
      const admin = await ensureAdminToken(store.settings, io.env?.[ADMIN_TOKEN_ENV]);
      if (admin.token !== undefined) {
        io.out(`admin token (shown once): ${admin.token}\n`);
      } else if (admin.source === 'existing') {
        io.out(`admin token: exists (set on first start; set ${ADMIN_TOKEN_ENV} to use another)\n`);
      } else {
        io.out(`admin token: from ${ADMIN_TOKEN_ENV}\n`);
      }
      const app = await buildApp({
        store,
        publicUrl,
        adminToken: { sha256: admin.hash },
        logger: { level: logLevel },
        ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }),
        ...(options.rateLimit === undefined
          ? {}
          : { rateLimit: rateLimitOf(options.rateLimit, options.rateLimitBurst) }),
      });
      try {
        await app.listen({ host: options.host, port });
      } catch (error) {
        await app.close();
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(`cannot listen on ${options.host}:${port}: ${reason}`, 1, { cause: error });
      }
      io.out(`listening on ${origin}\n`);
      io.out(`SCIM base URLs: ${publicUrl}/scim/directory/<tenant id>; admin API: ${publicUrl}/api\n`);
      const upkeep = startDirectoryUpkeep(new DirectoryService(store), io);
      const signal = await (io.waitForShutdown ?? waitForProcessSignal)();
      io.out(`${signal}: shutting down\n`);
      await upkeep.stop();
      // Stops accepting connections and waits for in-flight requests before the store closes.
      await app.close();
    } finally {
      await store.close();
    }
  });
}

const UPKEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The directory's recycle-bin purge and change-log compaction, at start and hourly. A failure is
 * reported and retried next hour; it never stops the server.
 */
function startDirectoryUpkeep(directory: DirectoryService, io: CliIo): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const run = (): void => {
    running = directory.maintain().then(
      ({ purged, compacted }) => {
        if (purged + compacted > 0)
          io.out(`directory upkeep: purged ${purged}, compacted ${compacted} change-log entries\n`);
      },
      (error: unknown) =>
        io.err(`directory upkeep failed: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  };
  run();
  const timer = setInterval(run, UPKEEP_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

function rateLimitOf(requestsPerSecond: number, burst: number | undefined) {
  return burst === undefined ? { requestsPerSecond } : { requestsPerSecond, burst };
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function findFreePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ host, port: 0 }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
