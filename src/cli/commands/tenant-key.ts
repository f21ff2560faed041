import type { Command } from 'commander';
import { parseDays } from '../option-parsers.js';
import type { IssuedApiKey } from '../../server/index.js';
import type { CliIo } from '../io.js';
import { formatTable, runWithTenants } from '../run-with-tenants.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';

interface KeyOptions extends StoreOptions {
  readonly name?: string;
  readonly expiresInDays?: number;
  readonly json?: boolean;
}

function keyOptions(options: KeyOptions): { name?: string; expiresInDays?: number } {
  return {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.expiresInDays === undefined ? {} : { expiresInDays: options.expiresInDays }),
  };
}

function issuedJson(key: IssuedApiKey) {
  return { id: key.id, name: key.name, apiKey: key.token, expiresAt: key.expiresAt };
}

function issuedText(key: IssuedApiKey): string {
  return (
    `API key ${key.id} (${key.name})\n` +
    `API key (shown once):   ${key.token}\n` +
    `expires:                ${key.expiresAt}\n`
  );
}

/** `scimsync tenant key create|list|revoke|regenerate`. */
export function registerTenantKeyCommands(tenant: Command, io: CliIo): void {
  const key = tenant.command('key').description("Manage a tenant's API keys.");

  addStoreOptions(
    key
      .command('create')
      .description('Issue a new API key (shown only now).')
      .argument('<id>', 'tenant id')
      .option('--name <name>', 'key name, e.g. the identity provider using it', 'default')
      .option('--expires-in-days <days>', 'lifetime in days, 1–3650 (default 365)', parseDays)
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: KeyOptions) => {
    const issued = await runWithTenants(options, io, (tenants) =>
      tenants.createApiKey(id, keyOptions(options)),
    );
    io.out(options.json === true ? `${JSON.stringify(issuedJson(issued))}\n` : issuedText(issued));
  });

  addStoreOptions(
    key
      .command('list')
      .description("List a tenant's API keys (never their secrets).")
      .argument('<id>', 'tenant id')
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: KeyOptions) => {
    const keys = await runWithTenants(options, io, (tenants) => tenants.listApiKeys(id));
    if (options.json === true) {
      io.out(`${JSON.stringify(keys)}\n`);
      return;
    }
    if (keys.length === 0) {
      io.out('no API keys\n');
      return;
    }
    io.out(
      formatTable(
        ['ID', 'NAME', 'STATUS', 'EXPIRES', 'LAST USED'],
        keys.map((k) => [k.id, k.name, k.status, k.expiresAt, k.lastUsedAt ?? '-']),
      ),
    );
  });

  addStoreOptions(
    key
      .command('revoke')
      .description('Revoke an API key; requests with it fail from now on.')
      .argument('<id>', 'tenant id')
      .argument('<keyId>', 'key id (from `tenant key list`)'),
  ).action(async (id: string, keyId: string, options: StoreOptions) => {
    await runWithTenants(options, io, (tenants) => tenants.revokeApiKey(id, keyId));
    io.out(`revoked API key ${keyId}\n`);
  });

  addStoreOptions(
    key
      .command('regenerate')
      .description('Revoke the active keys of that name and issue a new one (shown only now).')
      .argument('<id>', 'tenant id')
      .option('--name <name>', 'which keys to replace', 'default')
      .option('--expires-in-days <days>', 'lifetime of the new key in days (default 365)', parseDays)
      .option('--json', 'print JSON'),
  ).action(async (id: string, options: KeyOptions) => {
    const { apiKey, revoked } = await runWithTenants(options, io, (tenants) =>
      tenants.regenerateApiKey(id, keyOptions(options)),
    );
    if (options.json === true) {
      io.out(`${JSON.stringify({ ...issuedJson(apiKey), revoked })}\n`);
      return;
    }
    io.out(`${issuedText(apiKey)}revoked:                ${revoked.join(', ') || '(none)'}\n`);
  });
}
