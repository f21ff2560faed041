import type { Command } from 'commander';
import type { DirectoryService, GraphUser } from '../../directory/index.js';
import { parseAttributeFlags } from '../attribute-flags.js';
import { CliError, type CliIo } from '../io.js';
import { printJson, runWithDirectory } from '../run-with-directory.js';
import { formatTable } from '../run-with-tenants.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';

interface JsonOption extends StoreOptions {
  readonly json?: boolean;
}

const PAGE = 1000;

/** `directory user add|set|delete|restore|purge|list`; add and set take any attribute as `--NAME VALUE`. */
export function registerDirectoryUserCommands(directory: Command, io: CliIo): void {
  const user = directory.command('user').description('Manage directory users.');

  addStoreOptions(
    user
      .command('add')
      .description('Create a user: --userPrincipalName U and any Graph attribute as --NAME VALUE.')
      .usage('--userPrincipalName UPN [--ATTRIBUTE VALUE]... [--json]')
      .option('--json', 'print JSON')
      .allowUnknownOption()
      .allowExcessArguments(),
  ).action(async (options: JsonOption, command: Command) => {
    const attributes = parseAttributeFlags(command.args);
    if (attributes['userPrincipalName'] === undefined) throw new CliError('--userPrincipalName is required');
    const created = await runWithDirectory(options, io, async (dir) =>
      dir.toGraphUser(await dir.createUser(attributes)),
    );
    printUser(io, created, options.json === true, 'created');
  });

  addStoreOptions(
    user
      .command('set')
      .description('Change attributes of a user: --NAME VALUE for any Graph attribute ("" clears).')
      .usage('ID_OR_UPN --ATTRIBUTE VALUE... [--json]')
      .argument('<idOrUpn>', 'user id or userPrincipalName')
      .option('--json', 'print JSON')
      .allowUnknownOption()
      .allowExcessArguments(),
  ).action(async (idOrUpn: string, options: JsonOption, command: Command) => {
    const attributes = parseAttributeFlags(command.args.slice(1));
    if (Object.keys(attributes).length === 0)
      throw new CliError('name at least one attribute to set, e.g. --surname Smith');
    const updated = await runWithDirectory(options, io, async (dir) =>
      dir.toGraphUser(await dir.updateUser(idOrUpn, attributes)),
    );
    printUser(io, updated, options.json === true, 'updated');
  });

  const simple = (
    name: string,
    description: string,
    run: (dir: DirectoryService, id: string) => Promise<unknown>,
    verb: string,
  ) =>
    addStoreOptions(
      user
        .command(name)
        .description(description)
        .argument('<idOrUpn>', 'user id or userPrincipalName')
        .option('--json', 'print JSON'),
    ).action(async (idOrUpn: string, options: JsonOption) => {
      await runWithDirectory(options, io, (dir) => run(dir, idOrUpn));
      if (options.json === true) printJson(io, { user: idOrUpn, [verb]: true });
      else io.out(`${verb} user ${idOrUpn}\n`);
    });
  simple(
    'delete',
    'Soft-delete a user (to the recycle bin; restorable).',
    (dir, id) => dir.deleteUser(id),
    'deleted',
  );
  simple('restore', 'Restore a user from the recycle bin.', (dir, id) => dir.restoreUser(id), 'restored');
  simple('purge', 'Delete a user permanently.', (dir, id) => dir.purgeUser(id), 'purged');

  addStoreOptions(
    user
      .command('list')
      .description('List users (or, with --deleted, the recycle bin).')
      .option('--deleted', 'list soft-deleted users')
      .option('--json', 'print JSON'),
  ).action(async (options: JsonOption & { deleted?: boolean }) => {
    const users = await runWithDirectory(options, io, async (dir) => {
      const all: GraphUser[] = [];
      let after: string | undefined;
      do {
        const request = after === undefined ? { limit: PAGE } : { limit: PAGE, after };
        const page =
          options.deleted === true ? await dir.listDeletedUsers(request) : await dir.listUsers(request);
        all.push(...page.items.map((u) => dir.toGraphUser(u)));
        after = page.next;
      } while (after !== undefined);
      return all;
    });
    if (options.json === true) return printJson(io, users);
    if (users.length === 0) return io.out(options.deleted === true ? 'no deleted users\n' : 'no users\n');
    io.out(
      formatTable(
        [
          'ID',
          'USER PRINCIPAL NAME',
          'DISPLAY NAME',
          'ENABLED',
          options.deleted === true ? 'DELETED' : 'DEPARTMENT',
        ],
        users.map((u) => [
          u.id,
          u.userPrincipalName,
          text(u['displayName']),
          text(u['accountEnabled']),
          text(options.deleted === true ? u['deletedDateTime'] : u['department']),
        ]),
      ),
    );
  });
}

function printUser(io: CliIo, user: GraphUser, json: boolean, verb: string): void {
  if (json) return printJson(io, user);
  io.out(`${verb} user ${user.id} (${user.userPrincipalName})\n`);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}
