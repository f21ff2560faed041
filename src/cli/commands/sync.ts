import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { CycleEvent, CycleSummary } from '../../provisioning/index.js';
import { CliError, type CliIo } from '../io.js';
import { printJson } from '../run-with-directory.js';
import { runWithProvisioning } from '../run-with-provisioning.js';
import type { SecretKeyOptions } from '../secret-key.js';
import { addProvisioningOptions } from './provisioning.js';

/** Exit code of a cycle that ran but had failed objects (so cron and CI notice). */
export const EXIT_OBJECTS_FAILED = 2;

function progressBar(io: CliIo): ((event: CycleEvent) => void) | undefined {
  if (io.progress === undefined) return undefined;
  const bar = new SingleBar({
    stream: io.progress,
    format: '{phase} [{bar}] {value}/{total}',
    hideCursor: true,
    clearOnComplete: true,
  });
  let phase = '';
  return (event) => {
    if (event.type !== 'progress') return;
    const total = event.total ?? Math.max(event.done, 1);
    if (event.phase !== phase) {
      if (phase !== '') bar.stop();
      phase = event.phase;
      bar.start(total, event.done, { phase });
    } else {
      bar.setTotal(total);
      bar.update(event.done, { phase });
    }
    if (event.done >= total && event.total !== undefined) {
      bar.stop();
      phase = '';
    }
  };
}

function summaryLine(s: CycleSummary): string {
  return (
    `${s.kind} cycle ${s.cycleId}: ${s.created} created, ${s.updated} updated, ${s.disabled} disabled, ` +
    `${s.deleted} deleted, ${s.skipped} skipped, ${s.failed} failed; ${s.membersAdded} memberships added, ` +
    `${s.membersRemoved} removed; ${s.requests} requests in ${s.durationMs} ms\n`
  );
}

/** `scimsync sync APP [--full] [--json]`: one provisioning cycle now. */
export function registerSyncCommand(program: Command, io: CliIo): void {
  addProvisioningOptions(
    program
      .command('sync')
      .description(
        `Run one provisioning cycle now: initial the first time (or with --full), incremental after. Exit code ${EXIT_OBJECTS_FAILED} when objects failed.`,
      )
      .argument('<app>', 'application id or name')
      .option('--full', 'ignore the watermark: re-evaluate every user and group')
      .option('--json', 'print the summary as JSON')
      .option('--verbose', 'print every object outcome (stderr)'),
  ).action(
    async (
      appRef: string,
      options: SecretKeyOptions & { full?: boolean; json?: boolean; verbose?: boolean },
    ) => {
      const bar = options.json === true ? undefined : progressBar(io);
      const summary = await runWithProvisioning(
        options,
        io,
        (service) =>
          service.sync(appRef, {
            full: options.full === true,
            onEvent: (event) => {
              bar?.(event);
              if (event.type === 'object' && (event.outcome === 'Failure' || options.verbose === true)) {
                io.err(
                  `${event.outcome} ${event.action} ${event.objectType} ${event.displayName}${event.code === undefined ? '' : ` [${event.code}]`}${event.message === undefined ? '' : `: ${event.message}`}\n`,
                );
              }
            },
          }),
        undefined,
        // A cycle writes its shadow state for minutes: checkpoint the WAL off the event loop.
        { backgroundCheckpoints: true },
      );
      if (options.json === true) {
        const { cycleId, kind, created, updated, disabled, deleted, skipped, failed, requests, durationMs } =
          summary;
        printJson(io, {
          cycleId,
          kind,
          created,
          updated,
          disabled,
          deleted,
          skipped,
          failed,
          requests,
          durationMs,
          membersAdded: summary.membersAdded,
          membersRemoved: summary.membersRemoved,
        });
      } else {
        io.out(summaryLine(summary));
      }
      if (summary.failed > 0) throw new CliError('', EXIT_OBJECTS_FAILED);
    },
  );
}
