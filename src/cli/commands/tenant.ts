import type { Command } from 'commander';
import { tenantScimBaseUrl } from '../../server/index.js';
import type { CliIo } from '../io.js';
import { formatTable, resolvePublicUrl, runWithTenants } from '../run-with-tenants.js';
import { addStoreOptions, type StoreOptions } from '../store-options.js';
import { registerTenantKeyCommands } from './tenant-key.js';

interface CreateOptions extends StoreOptions {
  readonly name: string;
  readonly verifiedDomain: string[];
  readonly publicUrl?: string;
  readonly json?: boolean;
}

interface ListOptions extends StoreOptions {
  readonly publicUrl?: string;
  readonly json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `scimsync tenant …`: tenants ("directories"), their API keys and verified domains, straight
 * on the store — it works whether or not a server is running on the same data.
 */
export function registerTenantCommands(program: Command, io: CliIo): void {
  const tenant = program
    .command('tenant')
    .description('Manage tenants (SCIM directories), their API keys and verified domains.');

  addStoreOptions(
    tenant
      .command('create')
      .description('Create a tenant and its first API key (the key is shown only now).')
      .requiredOption('--name <name>', 'display name of the tenant')
      .option('--verified-domain <domain>', 'a verified email domain (repeatable)', collect, [])
      .option('--public-url <url>', 'origin the SCIM base URL is built on (default http://127.0.0.1:8080)')
      .option('--json', 'print JSON'),
  ).action(async (options: CreateOptions) => {
    const publicUrl = resolvePublicUrl(options.publicUrl, io);
    const { tenant: created, apiKey } = await runWithTenants(options, io, (tenants) =>
      tenants.createTenant({ name: options.name, verifiedDomains: options.verifiedDomain }),
    );
    const scimBaseUrl = tenantScimBaseUrl(publicUrl, created.id);
    if (options.json === true) {
      const json = {
        id: created.id,
        name: created.name,
        scimBaseUrl,
        apiKey: apiKey.token,
        apiKeyExpiresAt: apiKey.expiresAt,
      };
      io.out(`${JSON.stringify(json)}\n`);
      return;
    }
    io.out(
      `created tenant ${created.id} (${created.name})\n` +
        `SCIM base URL:          ${scimBaseUrl}\n` +
        `API key (shown once):   ${apiKey.token}\n` +
        `API key expires:        ${apiKey.expiresAt}\n` +
        `verified domains:       ${created.verifiedDomains.join(', ') || '(none: every domain is accepted)'}\n`,
    );
  });

  addStoreOptions(
    tenant
      .command('list')
      .description('List tenants.')
      .option('--public-url <url>', 'origin the SCIM base URLs are built on (default http://127.0.0.1:8080)')
      .option('--json', 'print JSON'),
  ).action(async (options: ListOptions) => {
    const publicUrl = resolvePublicUrl(options.publicUrl, io);
    const list = await runWithTenants(options, io, (tenants) => tenants.listTenants());
    if (options.json === true) {
      const json = list.map((t) => ({ ...t, scimBaseUrl: tenantScimBaseUrl(publicUrl, t.id) }));
      io.out(`${JSON.stringify(json)}\n`);
      return;
    }
    if (list.length === 0) {
      io.out('no tenants\n');
      return;
    }
    io.out(
      formatTable(
        ['ID', 'NAME', 'CREATED', 'VERIFIED DOMAINS'],
        list.map((t) => [t.id, t.name, t.createdAt, t.verifiedDomains.join(',')]),
      ),
    );
  });

  addStoreOptions(
    tenant
      .command('delete')
      .description('Delete a tenant with its keys, audit log, users and groups.')
      .argument('<id>', 'tenant id'),
  ).action(async (id: string, options: StoreOptions) => {
    await runWithTenants(options, io, (tenants) => tenants.deleteTenant(id));
    io.out(`deleted tenant ${id}\n`);
  });

  const domain = tenant.command('domain').description("Manage a tenant's verified email domains.");
  addStoreOptions(
    domain
      .command('add')
      .description('Verify an email domain: users must then have an email on a verified domain.')
      .argument('<id>', 'tenant id')
      .argument('<domain>', 'domain name, e.g. example.com'),
  ).action(async (id: string, name: string, options: StoreOptions) => {
    const updated = await runWithTenants(options, io, (tenants) => tenants.addDomain(id, name));
    io.out(`tenant ${id} verified domains: ${updated.verifiedDomains.join(', ')}\n`);
  });
  addStoreOptions(
    domain
      .command('remove')
      .description('Remove a verified email domain.')
      .argument('<id>', 'tenant id')
      .argument('<domain>', 'domain name'),
  ).action(async (id: string, name: string, options: StoreOptions) => {
    const updated = await runWithTenants(options, io, (tenants) => tenants.removeDomain(id, name));
    const rest = updated.verifiedDomains.join(', ') || '(none: every domain is accepted)';
    io.out(`tenant ${id} verified domains: ${rest}\n`);
  });

  registerTenantKeyCommands(tenant, io);
}
