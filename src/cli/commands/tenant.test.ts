import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';
import { TenantService } from '../../server/index.js';
import { main } from '../main.js';
import { openStore } from '../../store/index.js';
import { testDatabaseUrl, testEngines } from '../../store/testing/index.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-tenant-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CreatedJson {
  id: string;
  name: string;
  scimBaseUrl: string;
  apiKey: string;
  apiKeyExpiresAt: string;
}

async function ok(...args: string[]): Promise<string> {
  const result = await runCli(...args, '--data', data);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

async function fails(...args: string[]): Promise<string> {
  const result = await runCli(...args, '--data', data);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  return result.stderr;
}

async function createTenant(...extra: string[]): Promise<CreatedJson> {
  return JSON.parse(await ok('tenant', 'create', '--name', 'Acme', '--json', ...extra)) as CreatedJson;
}

/** Checks a key against the same data directory, as the server would. */
async function verify(token: string) {
  const store = await openStore({ dataDir: data });
  try {
    return await new TenantService({ store }).verifyApiKey(token);
  } finally {
    await store.close();
  }
}

describe('scimsync tenant (SQLite)', () => {
  it('create --json prints id, name, scimBaseUrl, apiKey and apiKeyExpiresAt; the key works', async () => {
    const created = await createTenant(
      '--verified-domain',
      'Example.com',
      '--verified-domain',
      'b.example.org',
    );
    expect(Object.keys(created)).toEqual(['id', 'name', 'scimBaseUrl', 'apiKey', 'apiKeyExpiresAt']);
    expect(created.name).toBe('Acme');
    expect(created.scimBaseUrl).toBe(`http://127.0.0.1:8080/scim/directory/${created.id}`);
    expect(created.apiKey).toMatch(/^scimsync_[0-9a-f]{16}_/);
    const days = (Date.parse(created.apiKeyExpiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364.9);
    expect(days).toBeLessThanOrEqual(365);
    expect((await verify(created.apiKey))?.tenantId).toBe(created.id);
    const listed = JSON.parse(await ok('tenant', 'list', '--json')) as {
      id: string;
      verifiedDomains: string[];
    }[];
    expect(listed.find((t) => t.id === created.id)?.verifiedDomains).toEqual([
      'b.example.org',
      'example.com',
    ]);
  });

  it('create honours --public-url and prints the key once in text form', async () => {
    const json = await createTenant('--public-url', 'https://scim.example.com/');
    expect(json.scimBaseUrl).toBe(`https://scim.example.com/scim/directory/${json.id}`);
    const text = await ok('tenant', 'create', '--name', 'Text');
    expect(text).toMatch(/^created tenant [0-9a-f-]{36} \(Text\)\n/);
    expect(text).toMatch(/API key \(shown once\): +scimsync_/);
    expect(text).toContain('every domain is accepted');
  });

  it('create refuses a bad domain, a blank name and a bad public URL', async () => {
    expect(await fails('tenant', 'create', '--name', 'X', '--verified-domain', 'not a domain')).toBe(
      'scimsync: "not a domain" is not a valid domain name (expected e.g. example.com)\n',
    );
    expect(await fails('tenant', 'create', '--name', '  ')).toContain('tenant name');
    expect(await fails('tenant', 'create', '--name', 'X', '--public-url', 'ftp://x')).toContain(
      '--public-url',
    );
    const missing = await runCli('tenant', 'create', '--data', data);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--name <name>' not specified");
  });

  it('list prints a table', async () => {
    const created = await createTenant();
    const table = await ok('tenant', 'list');
    expect(table.split('\n')[0]).toMatch(/^ID +NAME +CREATED +VERIFIED DOMAINS$/);
    expect(table).toContain(created.id);
  });

  it('delete removes a tenant; unknown ids are reported', async () => {
    const created = await createTenant();
    expect(await ok('tenant', 'delete', created.id)).toBe(`deleted tenant ${created.id}\n`);
    expect(await verify(created.apiKey)).toBeUndefined();
    expect(await fails('tenant', 'delete', created.id)).toBe(`scimsync: tenant ${created.id} not found\n`);
  });

  it('key create, list, revoke and regenerate', async () => {
    const tenant = await createTenant();
    const okta = JSON.parse(
      await ok('tenant', 'key', 'create', tenant.id, '--name', 'okta', '--expires-in-days', '30', '--json'),
    ) as { id: string; name: string; apiKey: string; expiresAt: string };
    expect(okta.name).toBe('okta');
    expect((await verify(okta.apiKey))?.keyId).toBe(okta.id);

    const keys = JSON.parse(await ok('tenant', 'key', 'list', tenant.id, '--json')) as { id: string }[];
    expect(keys.map((k) => k.id)).toContain(okta.id);
    const listing = await ok('tenant', 'key', 'list', tenant.id);
    expect(listing).toMatch(/^ID +NAME +STATUS +EXPIRES +LAST USED\n/);
    expect(listing).not.toContain(okta.apiKey.slice(-43));

    expect(await ok('tenant', 'key', 'revoke', tenant.id, okta.id)).toBe(`revoked API key ${okta.id}\n`);
    expect(await verify(okta.apiKey)).toBeUndefined();
    expect(await fails('tenant', 'key', 'revoke', tenant.id, okta.id)).toContain('no active API key');

    const regenerated = JSON.parse(await ok('tenant', 'key', 'regenerate', tenant.id, '--json')) as {
      apiKey: string;
      revoked: string[];
    };
    expect(regenerated.revoked).toHaveLength(1);
    expect(await verify(tenant.apiKey)).toBeUndefined();
    expect((await verify(regenerated.apiKey))?.tenantId).toBe(tenant.id);
    const text = await ok('tenant', 'key', 'regenerate', tenant.id);
    expect(text).toMatch(/API key \(shown once\): +scimsync_/);
    expect(text).toContain('revoked:');
  });

  it('key create refuses bad expiries', async () => {
    const tenant = await createTenant();
    expect(await fails('tenant', 'key', 'create', tenant.id, '--expires-in-days', '0')).toContain(
      'expiresInDays must be a whole number from 1 to 3650',
    );
    const notNumber = await runCli(
      'tenant',
      'key',
      'create',
      tenant.id,
      '--expires-in-days',
      'soon',
      '--data',
      data,
    );
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toContain('expected a whole number of days');
  });

  it('domain add and remove', async () => {
    const tenant = await createTenant();
    expect(await ok('tenant', 'domain', 'add', tenant.id, 'Example.COM')).toBe(
      `tenant ${tenant.id} verified domains: example.com\n`,
    );
    expect(await fails('tenant', 'domain', 'add', tenant.id, 'localhost')).toContain(
      'not a valid domain name',
    );
    expect(await ok('tenant', 'domain', 'remove', tenant.id, 'example.com')).toContain(
      'every domain is accepted',
    );
    expect(await fails('tenant', 'domain', 'remove', tenant.id, 'example.com')).toContain(
      'has no verified domain "example.com"',
    );
    expect(await fails('tenant', 'domain', 'add', '00000000-0000-4000-8000-000000000000', 'a.com')).toContain(
      'not found',
    );
  });

  it('refuses --data together with --database-url', async () => {
    const result = await runCli(
      'tenant',
      'list',
      '--data',
      data,
      '--database-url',
      'postgres://x@127.0.0.1/db',
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('scimsync: use either --data or --database-url, not both\n');
  });
});

describe.each(testEngines().filter((engine) => engine === 'postgres'))('scimsync tenant (%s)', () => {
  const database = `scimsync_cli_${randomBytes(6).toString('hex')}`;
  const admin = testDatabaseUrl();
  const url = new URL(admin);
  url.pathname = `/${database}`;
  const databaseUrl = url.href;

  async function onServer(sql: string): Promise<void> {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  beforeAll(() => onServer(`create database "${database}"`));
  afterAll(() => onServer(`drop database if exists "${database}" with (force)`));

  it('creates, lists and deletes tenants with --database-url', async () => {
    const created = await runCli('tenant', 'create', '--name', 'PG', '--json', '--database-url', databaseUrl);
    expect(created.stderr).toBe('');
    const tenant = JSON.parse(created.stdout) as CreatedJson;
    const store = await openStore({ databaseUrl });
    try {
      expect((await new TenantService({ store }).verifyApiKey(tenant.apiKey))?.tenantId).toBe(tenant.id);
    } finally {
      await store.close();
    }
    const listed = await runCli('tenant', 'list', '--json', '--database-url', databaseUrl);
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((t) => t.id)).toEqual([tenant.id]);
    const deleted = await runCli('tenant', 'delete', tenant.id, '--database-url', databaseUrl);
    expect(deleted.code).toBe(0);
  });

  it('reads SCIMSYNC_DATABASE_URL when no flag is given', async () => {
    let stdout = '';
    const code = await main(['node', 'scimsync', 'tenant', 'list', '--json'], {
      out: (text) => void (stdout += text),
      err: (text) => void (stdout += text),
      readFile: (path) => readFile(path, 'utf8'),
      env: { SCIMSYNC_DATABASE_URL: databaseUrl },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });
});
