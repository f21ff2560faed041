import { extname } from 'node:path';
import type { Command } from 'commander';
import {
  DirectoryService,
  importDirectory,
  parseCsvImport,
  parseJsonImport,
  type ImportCounts,
} from '../../directory/index.js';
import { CliError, type CliIo } from '../io.js';
import { printJson, runWithDirectory, runWithStore } from '../run-with-directory.js';
import { parsePositive } from '../option-parsers.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';
import { registerDirectoryGroupCommands } from './directory-group.js';
import { registerDirectoryUserCommands } from './directory-user.js';

interface MaintainCliOptions extends StoreOptions {
  readonly retentionDays: number;
  readonly changeLogDays: number;
  readonly json?: boolean;
}

interface ImportCliOptions extends StoreOptions {
  readonly replace?: boolean;
  readonly json?: boolean;
}

/**
 * `scimsync directory …`: the identity directory (the provisioning source) — bulk import from
 * JSON or CSV, and users and groups one at a time — straight on the store.
 */
export function registerDirectoryCommands(program: Command, io: CliIo): void {
  const directory = program
    .command('directory')
    .description('Manage the identity directory: import, users, groups (Graph-shaped).');

  addStoreOptions(
    directory
      .command('import')
      .description(
        'Import users and groups from a Graph-shaped JSON file ({"users": [...], "groups": [...]}) or a CSV of users; ' +
          'upserts by id (or userPrincipalName / displayName); all or nothing.',
      )
      .argument('<file>', 'a .json or .csv file')
      .option('--replace', 'the file is the whole truth: soft-delete users and groups it does not name')
      .option('--json', 'print JSON'),
  ).action(async (file: string, options: ImportCliOptions) => {
    const parse = parserFor(file);
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (error) {
      throw new CliError(
        `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
        1,
        {
          cause: error,
        },
      );
    }
    const counts = await runWithDirectory(options, io, (_directory, store) =>
      importDirectory(store, parse(text, file), { replace: options.replace === true }),
    );
    if (options.json === true) printJson(io, counts);
    else io.out(describeCounts(file, counts));
  });

  addStoreOptions(
    directory
      .command('maintain')
      .description(
        'Run the directory upkeep once (scimsync serve runs it hourly): permanently delete users and groups ' +
          'past their recycle-bin retention, and compact change-log entries older than the change-log retention.',
      )
      .option(
        '--retention-days <days>',
        'days a deleted user or group stays in the recycle bin',
        parsePositive,
        30,
      )
      .option(
        '--change-log-days <days>',
        'days of change-log entries kept for incremental readers',
        parsePositive,
        30,
      )
      .option('--json', 'print JSON'),
  ).action(async (options: MaintainCliOptions) => {
    const result = await runWithStore(options, io, (store) =>
      new DirectoryService(store, {
        retentionDays: options.retentionDays,
        changeLogRetentionDays: options.changeLogDays,
      }).maintain(),
    );
    if (options.json === true) printJson(io, result);
    else
      io.out(
        `purged ${result.purged} users and groups past retention; compacted ${result.compacted} change-log entries\n`,
      );
  });

  registerDirectoryUserCommands(directory, io);
  registerDirectoryGroupCommands(directory, io);
}

function parserFor(file: string): typeof parseJsonImport {
  switch (extname(file).toLowerCase()) {
    case '.json':
      return parseJsonImport;
    case '.csv':
      return parseCsvImport;
    default:
      throw new CliError(`cannot tell the format of ${file}: name it .json or .csv`);
  }
}

function describeCounts(file: string, c: ImportCounts): string {
  return (
    `imported ${file}\n` +
    `users:        ${c.usersCreated} created, ${c.usersUpdated} updated, ${c.usersDeleted} deleted\n` +
    `groups:       ${c.groupsCreated} created, ${c.groupsUpdated} updated, ${c.groupsDeleted} deleted\n` +
    `memberships:  ${c.membershipsAdded} added, ${c.membershipsRemoved} removed\n`
  );
}
