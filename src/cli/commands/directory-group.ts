import type { Command } from 'commander';
import type { GraphGroup } from '../../directory/index.js';
import type { JsonObject } from '../../scim/index.js';
import { CliError, type CliIo } from '../io.js';
import { printJson, runWithDirectory } from '../run-with-directory.js';
import { formatTable } from '../run-with-tenants.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';

interface GroupOptions extends StoreOptions {
  readonly displayName?: string;
  readonly description?: string;
  readonly mailNickname?: string;
  readonly securityEnabled?: string;
  readonly json?: boolean;
}

const PAGE = 1000;

function groupAttributes(options: GroupOptions): JsonObject {
  const attributes: JsonObject = {};
  for (const name of ['displayName', 'description', 'mailNickname', 'securityEnabled'] as const) {
    if (options[name] !== undefined) attributes[name] = options[name];
  }
  return attributes;
}

function addGroupAttributeOptions(command: Command): Command {
  return command
    .option('--description <text>', 'description ("" clears)')
    .option('--mailNickname <name>', 'mail nickname')
    .option('--securityEnabled <bool>', 'true or false')
    .option('--json', 'print JSON');
}

/** `directory group add|set|add-member|remove-member|delete|list`. */
export function registerDirectoryGroupCommands(directory: Command, io: CliIo): void {
  const group = directory.command('group').description('Manage directory groups and their members.');

  addStoreOptions(
    addGroupAttributeOptions(
      group
        .command('add')
        .description('Create a group.')
        .requiredOption('--displayName <name>', 'the group name'),
    ),
  ).action(async (options: GroupOptions) => {
    const created = await runWithDirectory(options, io, async (dir) =>
      dir.toGraphGroup(await dir.createGroup(groupAttributes(options))),
    );
    printGroup(io, created, options.json === true, 'created');
  });

  addStoreOptions(
    addGroupAttributeOptions(
      group
        .command('set')
        .description('Rename a group (--displayName) or change its other attributes.')
        .argument('<group>', 'group id or displayName')
        .option('--displayName <name>', 'the new name'),
    ),
  ).action(async (idOrName: string, options: GroupOptions) => {
    const changes = groupAttributes(options);
    if (Object.keys(changes).length === 0)
      throw new CliError('name something to change, e.g. --displayName NEW');
    const updated = await runWithDirectory(options, io, async (dir) =>
      dir.toGraphGroup(await dir.updateGroup(idOrName, changes)),
    );
    printGroup(io, updated, options.json === true, 'updated');
  });

  const memberCommand = (name: 'add-member' | 'remove-member', description: string) =>
    addStoreOptions(
      group
        .command(name)
        .description(description)
        .argument('<group>', 'group id or displayName')
        .argument('<member>', 'user id or userPrincipalName, or group id')
        .option('--json', 'print JSON'),
    ).action(async (groupRef: string, member: string, options: GroupOptions) => {
      await runWithDirectory(options, io, (dir) =>
        name === 'add-member' ? dir.addMember(groupRef, member) : dir.removeMember(groupRef, member),
      );
      if (options.json === true)
        printJson(io, { group: groupRef, member, [name === 'add-member' ? 'added' : 'removed']: true });
      else
        io.out(
          name === 'add-member' ? `added ${member} to ${groupRef}\n` : `removed ${member} from ${groupRef}\n`,
        );
    });
  memberCommand('add-member', 'Add a user or a group (nesting) to a group.');
  memberCommand('remove-member', 'Remove a direct member from a group.');

  addStoreOptions(
    group
      .command('delete')
      .description('Delete a group.')
      .argument('<group>', 'group id or displayName')
      .option('--json', 'print JSON'),
  ).action(async (idOrName: string, options: GroupOptions) => {
    await runWithDirectory(options, io, (dir) => dir.deleteGroup(idOrName));
    if (options.json === true) printJson(io, { group: idOrName, deleted: true });
    else io.out(`deleted group ${idOrName}\n`);
  });

  addStoreOptions(group.command('list').description('List groups.').option('--json', 'print JSON')).action(
    async (options: GroupOptions) => {
      const groups = await runWithDirectory(options, io, async (dir) => {
        const all: GraphGroup[] = [];
        let after: string | undefined;
        do {
          const page = await dir.listGroups(after === undefined ? { limit: PAGE } : { limit: PAGE, after });
          all.push(...page.items.map((g) => dir.toGraphGroup(g)));
          after = page.next;
        } while (after !== undefined);
        return all;
      });
      if (options.json === true) return printJson(io, groups);
      if (groups.length === 0) return io.out('no groups\n');
      io.out(
        formatTable(
          ['ID', 'DISPLAY NAME', 'DESCRIPTION'],
          groups.map((g) => [
            g.id,
            g.displayName,
            typeof g['description'] === 'string' ? g['description'] : '',
          ]),
        ),
      );
    },
  );
}

function printGroup(io: CliIo, group: GraphGroup, json: boolean, verb: string): void {
  if (json) return printJson(io, group);
  io.out(`${verb} group ${group.id} (${group.displayName})\n`);
}
