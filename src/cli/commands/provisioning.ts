import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import {
  JOB_SCOPES,
  PROFILE_NAMES,
  SCOPING_OPERATORS,
  type JobScope,
  type ProfileName,
  type ScopingClause,
  type ScopingFilter,
  type ScopingOperator,
} from '../../provisioning/index.js';
import { CliError, type CliIo } from '../io.js';
import { parseJsonInput } from '../json-input.js';
import { printJson } from '../run-with-directory.js';
import { formatTable } from '../run-with-tenants.js';
import { runWithProvisioning } from '../run-with-provisioning.js';
import type { SecretKeyOptions } from '../secret-key.js';
import { addStoreOptions } from '../store-options.js';

interface Json {
  readonly json?: boolean;
}

/** `--data`/`--database-url` plus where the token encryption key lives. */
export function addProvisioningOptions(command: Command): Command {
  return addStoreOptions(command).option(
    '--secret-key-file <file>',
    'key that encrypts target tokens (default DATA/secret.key; env SCIMSYNC_SECRET_KEY wins)',
  );
}

function oneOf<T extends string>(values: readonly T[], name: string) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) {
      throw new CliError(`${name} must be one of ${values.join(', ')}; got "${value}"`);
    }
    return value as T;
  };
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new CliError(`${name} must be a whole number of at least 1; got "${value}"`);
    return n;
  };
}

interface SetOptions extends SecretKeyOptions, Json {
  readonly scimUrl?: string;
  readonly token?: string;
  readonly tokenFile?: string;
  readonly tokenEnv?: string;
  readonly profile?: ProfileName;
  readonly scope?: JobScope;
  readonly on?: boolean;
  readonly off?: boolean;
  readonly concurrency?: number;
  readonly bulk?: 'auto' | 'off';
  readonly batchSize?: number;
  readonly skipOutOfScopeDeletions?: boolean;
  readonly renameGroups?: 'skip' | 'recreate';
}

/** `scimsync app provisioning …`, `app test-connection`, `app mappings`, `app scoping`. */
export function registerProvisioningCommands(app: Command, io: CliIo): void {
  const provisioning = app
    .command('provisioning')
    .description("Configure an application's provisioning job.");

  addProvisioningOptions(
    provisioning
      .command('set')
      .description('Create or change the provisioning job (target, token, profile, scope, options).')
      .argument('<app>', 'application id or name')
      .option('--scim-url <url>', 'the SCIM base URL of the target app')
      .option(
        '--token <token>',
        'the secret token (stored encrypted; prefer --token-file or --token-env: a flag lands in shell history)',
      )
      .option('--token-file <file>', 'read the secret token from the first line of a file')
      .option('--token-env <variable>', 'read the secret token from an environment variable')
      .option(
        '--profile <profile>',
        `connector profile: ${PROFILE_NAMES.join(' | ')}`,
        oneOf(PROFILE_NAMES, '--profile'),
      )
      .option(
        '--scope <scope>',
        `who is provisioned: ${JOB_SCOPES.join(' | ')}`,
        oneOf(JOB_SCOPES, '--scope'),
      )
      .option('--on', 'switch provisioning On')
      .option('--off', 'switch provisioning Off')
      .option(
        '--concurrency <n>',
        'requests in flight to the target (default 8)',
        positiveInt('--concurrency'),
      )
      .option(
        '--bulk <mode>',
        "create through the target's /Bulk endpoint when it offers one: auto | off (default auto)",
        oneOf(['auto', 'off'] as const, '--bulk'),
      )
      .option('--batch-size <n>', 'members per PATCH request (default 100)', positiveInt('--batch-size'))
      .option('--skip-out-of-scope-deletions', 'do not disable users that leave scope')
      .option(
        '--rename-groups <mode>',
        'when the target cannot rename groups: skip | recreate',
        oneOf(['skip', 'recreate'] as const, '--rename-groups'),
      )
      .option('--json', 'print JSON'),
  ).action(async (appRef: string, options: SetOptions) => {
    if (options.on === true && options.off === true) throw new CliError('use either --on or --off, not both');
    const token = await readToken(options, io);
    const view = await runWithProvisioning(options, io, (service) =>
      service.configure(appRef, {
        ...(options.scimUrl === undefined ? {} : { scimUrl: options.scimUrl }),
        ...(token === undefined ? {} : { token }),
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        ...(options.scope === undefined ? {} : { scope: options.scope }),
        ...(options.on === true ? { enabled: true } : options.off === true ? { enabled: false } : {}),
        options: {
          ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
          ...(options.batchSize === undefined ? {} : { membershipBatchSize: options.batchSize }),
          ...(options.bulk === undefined ? {} : { bulkCreates: options.bulk }),
          ...(options.skipOutOfScopeDeletions === true ? { skipOutOfScopeDeletions: true } : {}),
          ...(options.renameGroups === undefined ? {} : { renameGroups: options.renameGroups }),
        },
      }),
    );
    for (const warning of view.warnings) io.err(`warning: ${warning}\n`);
    if (options.json === true) return printJson(io, view);
    io.out(
      `provisioning of ${view.application.name}: ${view.enabled ? 'On' : 'Off'}, ${view.profile}, scope ${view.scope}, target ${view.targetUrl}\n`,
    );
  });

  addProvisioningOptions(
    provisioning
      .command('show')
      .description('Show the provisioning job and its last cycles (never the token).')
      .argument('<app>', 'application id or name')
      .option('--json', 'print JSON'),
  ).action(async (appRef: string, options: SecretKeyOptions & Json) => {
    const { view, cycles } = await runWithProvisioning(options, io, async (service) => ({
      view: await service.getJob(appRef),
      cycles: await service.cycles(appRef, 5),
    }));
    if (options.json === true) return printJson(io, { ...view, cycles });
    io.out(
      formatTable(
        ['SETTING', 'VALUE'],
        [
          ['application', `${view.application.name} (${view.application.id})`],
          ['status', view.enabled ? 'On' : 'Off'],
          ['target', view.targetUrl],
          ['profile', view.profile],
          ['scope', view.scope],
          [
            'next cycle',
            view.watermark === undefined ? 'initial' : `incremental from change ${view.watermark}`,
          ],
          ['options', JSON.stringify(view.options)],
        ],
      ),
    );
    if (cycles.length > 0) {
      io.out('\n');
      io.out(
        formatTable(
          ['CYCLE', 'KIND', 'STARTED', 'CREATED', 'UPDATED', 'DISABLED', 'DELETED', 'SKIPPED', 'FAILED'],
          cycles.map((c) => [
            c.id,
            c.kind,
            c.startedAt,
            ...(['created', 'updated', 'disabled', 'deleted', 'skipped', 'failed'] as const).map((k) =>
              c.finishedAt === undefined ? '-' : JSON.stringify(c.summary[k] ?? 0),
            ),
          ]),
        ),
      );
    }
  });

  addProvisioningOptions(
    provisioning
      .command('restart')
      .description('Start over with an initial cycle; --reset also forgets links to target objects.')
      .argument('<app>', 'application id or name')
      .option('--reset', 'forget links and last written values too (objects are matched again)'),
  ).action(async (appRef: string, options: SecretKeyOptions & { reset?: boolean }) => {
    await runWithProvisioning(options, io, (service) =>
      service.restart(appRef, { reset: options.reset === true }),
    );
    io.out(
      `the next cycle of ${appRef} is an initial cycle${options.reset === true ? ' (links forgotten)' : ''}\n`,
    );
  });

  addProvisioningOptions(
    app
      .command('test-connection')
      .description('Check the target: a user lookup as Entra does, /ServiceProviderConfig and /Schemas.')
      .argument('<app>', 'application id or name')
      .option('--json', 'print JSON'),
  ).action(async (appRef: string, options: SecretKeyOptions & Json) => {
    const result = await runWithProvisioning(options, io, (service) => service.testConnection(appRef));
    if (options.json === true) printJson(io, result);
    else {
      for (const check of result.checks)
        io.out(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}\n`);
      io.out(result.ok ? 'connection ok\n' : 'connection failed\n');
    }
    if (!result.ok) throw new CliError('', 1);
  });

  addProvisioningOptions(
    app
      .command('mappings')
      .description('Show the attribute mappings, or export/import them as JSON.')
      .argument('<app>', 'application id or name')
      .option('--export <file>', 'write the mappings to a JSON file')
      .option(
        '--import <file>',
        'replace the mappings from a JSON file (checked first; starts an initial cycle)',
      )
      .option('--json', 'print JSON'),
  ).action(
    async (appRef: string, options: SecretKeyOptions & Json & { export?: string; import?: string }) => {
      if (options.import !== undefined) {
        const file = options.import;
        const text = await io.readFile(file).catch((error: unknown) => {
          throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
        });
        const doc = parseJsonInput(text, file);
        await runWithProvisioning(options, io, (service) => service.setMappings(appRef, doc), { file, text });
        return io.out(`imported mappings of ${appRef} from ${file}; the next cycle is an initial cycle\n`);
      }
      const mappings = await runWithProvisioning(options, io, (service) => service.getMappings(appRef));
      if (options.export !== undefined) {
        await writeFile(options.export, `${JSON.stringify(mappings, null, 2)}\n`);
        return io.out(`wrote the mappings of ${appRef} to ${options.export}\n`);
      }
      if (options.json === true) return printJson(io, mappings);
      for (const type of ['users', 'groups'] as const) {
        const mapping = mappings[type];
        io.out(
          `${type}: ${mapping.enabled ? 'enabled' : 'disabled'}; actions ${Object.entries(mapping.actions)
            .filter(([, on]) => on)
            .map(([a]) => a)
            .join(', ')}; ${mapping.scoping.length} scoping filter(s)\n`,
        );
        io.out(
          formatTable(
            ['TARGET', 'TYPE', 'SOURCE', 'APPLY', 'MATCHING'],
            mapping.attributes.map((a) => [
              a.target,
              a.type,
              a.source ?? a.expression ?? (a.constant === undefined ? '' : JSON.stringify(a.constant)),
              a.apply ?? 'always',
              a.matchingPrecedence === undefined ? '' : String(a.matchingPrecedence),
            ]),
          ),
        );
        io.out('\n');
      }
    },
  );

  addProvisioningOptions(
    app
      .command('scoping')
      .description(
        `Show or change scoping filters. --add "ATTRIBUTE OPERATOR [VALUE]" (repeatable) adds one filter whose clauses are ANDed; filters are ORed. Operators: ${SCOPING_OPERATORS.join(', ')}.`,
      )
      .argument('<app>', 'application id or name')
      .option('--groups', 'the groups mapping (default: users)')
      .option(
        '--add <clause>',
        'a clause of a new filter (repeatable)',
        (v: string, prev: string[]) => [...prev, v],
        [],
      )
      .option(
        '--import <file>',
        'replace the filters from a JSON file: [{ "clauses": [{ "attribute", "operator", "value" }] }]',
      )
      .option('--clear', 'remove every filter (everything assigned is in scope)')
      .option('--json', 'print JSON'),
  ).action(
    async (
      appRef: string,
      options: SecretKeyOptions &
        Json & { groups?: boolean; add: string[]; import?: string; clear?: boolean },
    ) => {
      const target = options.groups === true ? 'groups' : 'users';
      const changes = [options.add.length > 0, options.import !== undefined, options.clear === true].filter(
        Boolean,
      ).length;
      if (changes > 1) throw new CliError('use one of --add, --import or --clear');
      let filters: readonly ScopingFilter[];
      if (options.import !== undefined) {
        const file = options.import;
        const text = await io.readFile(file);
        const doc = parseJsonInput(text, file);
        filters = await runWithProvisioning(
          options,
          io,
          (service) => service.setScoping(appRef, target, doc as ScopingFilter[]),
          {
            file,
            text,
            prefix: `${target}.scoping`,
          },
        );
      } else if (options.clear === true || options.add.length > 0) {
        const clauses = options.add.map((text, i) => parseClause(text, `--add #${i + 1}`));
        filters = await runWithProvisioning(options, io, async (service) => {
          const current = options.clear === true ? [] : await service.getScoping(appRef, target);
          return service.setScoping(appRef, target, clauses.length > 0 ? [...current, { clauses }] : current);
        });
      } else {
        filters = await runWithProvisioning(options, io, (service) => service.getScoping(appRef, target));
      }
      if (options.json === true) return printJson(io, filters);
      if (filters.length === 0)
        return io.out(`no scoping filters on ${target}: everything assigned is in scope\n`);
      filters.forEach((filter, i) => {
        io.out(`filter ${i + 1}${i > 0 ? ' (OR)' : ''}:\n`);
        for (const c of filter.clauses)
          io.out(
            `  ${c.attribute} ${c.operator}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}\n`,
          );
      });
    },
  );
}

/** `department EQUALS Sales`, `mail ENDS_WITH "@contoso.com"`, `accountEnabled IS TRUE`. */
export function parseClause(text: string, where: string): ScopingClause {
  const trimmed = text.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0) throw new CliError(`${where}: expected "ATTRIBUTE OPERATOR [VALUE]", got "${text}"`);
  const attribute = trimmed.slice(0, space);
  const rest = trimmed.slice(space + 1).trim();
  // Longest operator first: "NOT REGEX MATCH" before "REGEX MATCH", "IS NOT NULL" before "IS NULL".
  const operator: ScopingOperator | undefined = [...SCOPING_OPERATORS]
    .sort((a, b) => b.length - a.length)
    .find((op) => rest === op || rest.startsWith(`${op} `));
  if (operator === undefined) {
    throw new CliError(`${where}: unknown operator in "${text}"; use one of ${SCOPING_OPERATORS.join(', ')}`);
  }
  let value = rest.slice(operator.length).trim();
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = JSON.parse(value) as string;
  return value === '' ? { attribute, operator } : { attribute, operator, value };
}

/** The token from exactly one of --token, --token-file, --token-env; undefined when none is given. */
async function readToken(
  options: { token?: string; tokenFile?: string; tokenEnv?: string },
  io: CliIo,
): Promise<string | undefined> {
  const given = [options.token, options.tokenFile, options.tokenEnv].filter((v) => v !== undefined);
  if (given.length > 1) throw new CliError('give the token once: --token, --token-file or --token-env');
  if (options.tokenFile !== undefined) {
    const file = options.tokenFile;
    const text = await io.readFile(file).catch((error: unknown) => {
      throw new CliError(`cannot read the token file ${file}: ${(error as Error).message}`);
    });
    const token = text.split(/\r?\n/)[0]?.trim() ?? '';
    if (token === '') throw new CliError(`${file}:1: the token file is empty`);
    return token;
  }
  if (options.tokenEnv !== undefined) {
    const token = io.env?.[options.tokenEnv]?.trim() ?? '';
    if (token === '') throw new CliError(`the environment variable ${options.tokenEnv} is not set or empty`);
    return token;
  }
  return options.token;
}
