import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { CliError } from '../io.js';
import { printJson, runWithDirectory } from '../run-with-directory.js';
import { formatTable } from '../run-with-tenants.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';

interface CreateOptions extends StoreOptions {
  readonly name: string;
  readonly role: string[];
  readonly json?: boolean;
}

interface AssignOptions extends StoreOptions {
  readonly user?: string;
  readonly group?: string;
  readonly role?: string;
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function principalOf(options: AssignOptions): { user?: string; group?: string } {
  if ((options.user === undefined) === (options.group === undefined)) {
    throw new CliError('name exactly one principal: --user UPN_OR_ID or --group NAME_OR_ID');
  }
  return options.user !== undefined ? { user: options.user } : { group: options.group as string };
}

/** `scimsync app …`: enterprise applications and who is assigned to them (with which app role). */
export function registerAppCommands(program: Command, io: CliIo): Command {
  const app = program
    .command('app')
    .description('Manage applications (enterprise apps) and their assignments.');

  addStoreOptions(
    app
      .command('create')
      .description('Create an application.')
      .requiredOption('--name <name>', 'application name')
      .option(
        '--role <value>',
        'an app role value (repeatable); without any, assignments get default access',
        collect,
        [],
      )
      .option('--json', 'print JSON'),
  ).action(async (options: CreateOptions) => {
    const created = await runWithDirectory(options, io, (dir) =>
      dir.createApplication({ name: options.name, appRoles: options.role.map((value) => ({ value })) }),
    );
    if (options.json === true) return printJson(io, created);
    io.out(`created application ${created.id} (${created.name})\n`);
  });

  const assignCommand = (name: 'assign' | 'unassign', description: string) =>
    addStoreOptions(
      app
        .command(name)
        .description(description)
        .argument('<app>', 'application id or name')
        .option('--user <user>', 'user id or userPrincipalName')
        .option('--group <group>', 'group id or displayName')
        .option('--role <role>', 'app role value or id (default: default access)')
        .option('--json', 'print JSON'),
    ).action(async (appRef: string, options: AssignOptions) => {
      const principal = principalOf(options);
      const who = principal.user ?? principal.group ?? '';
      if (name === 'assign') {
        const assignment = await runWithDirectory(options, io, (dir) =>
          dir.assign(appRef, principal, options.role),
        );
        if (options.json === true) return printJson(io, assignment);
        return io.out(`assigned ${who} to ${appRef} (assignment ${assignment.id})\n`);
      }
      const removed = await runWithDirectory(options, io, (dir) =>
        dir.unassign(appRef, principal, options.role),
      );
      if (options.json === true) return printJson(io, { removed });
      io.out(`removed ${removed} assignment(s) of ${who} from ${appRef}\n`);
    });
  assignCommand('assign', 'Assign a user or a group to an application (idempotent).');
  assignCommand('unassign', 'Remove assignments of a user or group (of one role with --role).');

  addStoreOptions(
    app.command('list').description('List applications.').option('--json', 'print JSON'),
  ).action(async (options: StoreOptions & { json?: boolean }) => {
    const apps = await runWithDirectory(options, io, (dir) => dir.listApplications());
    if (options.json === true) return printJson(io, apps);
    if (apps.length === 0) return io.out('no applications\n');
    io.out(
      formatTable(
        ['ID', 'NAME', 'APP ROLES'],
        apps.map((a) => [a.id, a.name, a.appRoles.map((r) => r.value).join(',')]),
      ),
    );
  });
  return app;
}
