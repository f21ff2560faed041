import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { runCli } from '../../../test/support/run-cli.js';
import { main } from '../main.js';
import { createTestServer, type TestServer } from '../../../test/support/test-server.js';
import { parseClause } from './provisioning.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-provisioning-cli-'));
const data = join(dir, 'data');
let target: TestServer;
let scimUrl = '';
let token = '';

beforeAll(async () => {
  target = await createTestServer('sqlite');
  const origin = await target.listen();
  const tenant = await target.createTenant({ verifiedDomains: ['contoso.com'] });
  scimUrl = `${origin}${tenant.scimPath}`;
  token = tenant.apiKey;
});
afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(...args, '--data', data);

async function ok(...args: string[]): Promise<string> {
  const result = await cli(...args);
  expect(result.stderr.replace(/^generated a new secret key.*\n/, '')).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('scimsync app provisioning, test-connection, mappings, scoping and sync', () => {
  it('configures a job, storing the token only encrypted, under a generated key file', async () => {
    await ok('app', 'create', '--name', 'Atlassian');
    await ok(
      'directory',
      'import',
      file(
        'dir.json',
        JSON.stringify({
          users: [
            {
              userPrincipalName: 'ann@contoso.com',
              mail: 'ann@contoso.com',
              givenName: 'Ann',
              surname: 'Lee',
              department: 'Eng',
            },
            {
              userPrincipalName: 'bob@contoso.com',
              mail: 'bob@contoso.com',
              givenName: 'Bob',
              surname: 'Ray',
              department: 'Ops',
            },
          ],
          groups: [{ displayName: 'Eng', members: ['ann@contoso.com'] }],
        }),
      ),
    );
    await ok('app', 'assign', 'Atlassian', '--group', 'Eng');
    await ok('app', 'assign', 'Atlassian', '--user', 'bob@contoso.com');
    const first = await cli(
      'app',
      'provisioning',
      'set',
      'Atlassian',
      '--scim-url',
      scimUrl,
      '--token',
      token,
      '--profile',
      'atlassian-cloud',
      '--json',
    );
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/^generated a new secret key in .*secret\.key/);
    expect(JSON.parse(first.stdout)).toMatchObject({
      profile: 'atlassian-cloud',
      scope: 'assigned',
      enabled: false,
      tokenStored: true,
      targetSchemaDiscovered: true,
    });
    expect(statSync(join(data, 'secret.key')).mode & 0o777).toBe(0o600);
    const db = readFileSync(join(data, 'scimsync.db'));
    expect(db.includes(Buffer.from(token))).toBe(false);
    const shown = await ok('app', 'provisioning', 'show', 'Atlassian');
    expect(shown).toContain('initial');
    expect(shown).not.toContain(token);
    const bulkOff = await cli('app', 'provisioning', 'set', 'Atlassian', '--bulk', 'off', '--json');
    expect(JSON.parse(bulkOff.stdout)).toMatchObject({ options: { bulkCreates: 'off', concurrency: 8 } });
    const badBulk = await cli('app', 'provisioning', 'set', 'Atlassian', '--bulk', 'sometimes');
    expect(badBulk.code).not.toBe(0);
    expect(badBulk.stderr).toContain('--bulk');
    await ok('app', 'provisioning', 'set', 'Atlassian', '--bulk', 'auto');
  });

  it('tests the connection, and explains a wrong token', async () => {
    const good = JSON.parse(await ok('app', 'test-connection', 'Atlassian', '--json')) as {
      ok: boolean;
      checks: { name: string; ok: boolean }[];
    };
    expect(good.ok).toBe(true);
    expect(good.checks.length).toBe(3);
    const wrong = await cli(
      'app',
      'provisioning',
      'set',
      'Atlassian',
      '--token',
      'scimsync_0000000000000000_wrong',
    );
    expect(wrong.code).toBe(0);
    expect(wrong.stderr).toMatch(/^warning: the target's schema could not be read \(.*401/);
    const bad = await cli('app', 'test-connection', 'Atlassian');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL .*401/);
    expect(bad.stdout).toContain('connection failed');
    const tokenFile = file('token.txt', `${token}\n`);
    const fromFile = await cli('app', 'provisioning', 'set', 'Atlassian', '--token-file', tokenFile);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(await ok('app', 'test-connection', 'Atlassian', '--json'))).toMatchObject({ ok: true });
    const twice = await cli(
      'app',
      'provisioning',
      'set',
      'Atlassian',
      '--token',
      token,
      '--token-file',
      tokenFile,
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('give the token once');
    const empty = await cli(
      'app',
      'provisioning',
      'set',
      'Atlassian',
      '--token-file',
      file('empty.txt', '\n'),
    );
    expect(empty.stderr).toContain('empty.txt:1: the token file is empty');
    const unset = await cli(
      'app',
      'provisioning',
      'set',
      'Atlassian',
      '--token-env',
      'SCIMSYNC_TEST_NO_SUCH_VAR',
    );
    expect(unset.stderr).toContain('SCIMSYNC_TEST_NO_SUCH_VAR is not set or empty');
  });

  it('syncs: an initial cycle, then an incremental one with no request', async () => {
    const first = JSON.parse(await ok('sync', 'Atlassian', '--json')) as Record<string, unknown>;
    expect(Object.keys(first).slice(0, 10)).toEqual([
      'cycleId',
      'kind',
      'created',
      'updated',
      'disabled',
      'deleted',
      'skipped',
      'failed',
      'requests',
      'durationMs',
    ]);
    expect(first).toMatchObject({ kind: 'initial', created: 3, failed: 0 });
    const second = JSON.parse(await ok('sync', 'Atlassian', '--json')) as Record<string, unknown>;
    expect(second).toMatchObject({ kind: 'incremental', created: 0, requests: 0 });
    expect(await ok('sync', 'Atlassian')).toMatch(/^incremental cycle .*: 0 created.*0 requests/);
  });

  it('draws a progress bar on a terminal', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 100 });
    let drawn = '';
    terminal.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    let out = '';
    const code = await main(['node', 'scimsync', 'sync', 'Atlassian', '--full', '--data', data], {
      out: (text) => void (out += text),
      err: () => undefined,
      readFile: (path) => readFile(path, 'utf8'),
      progress: terminal,
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^initial cycle/);
    expect(drawn).toMatch(/users \[.*\] 2\/2/);
    expect(drawn).toContain('memberships');
  });

  it('exports and imports mappings, naming file, line and path of a bad one', async () => {
    const exported = join(dir, 'mappings.json');
    await ok('app', 'mappings', 'Atlassian', '--export', exported);
    const mappings = JSON.parse(readFileSync(exported, 'utf8')) as {
      users: { attributes: { target: string; type: string; expression?: string }[] };
    };
    expect(mappings.users.attributes.map((a) => a.target)).toContain('emails[type eq "work"].value');
    expect(await ok('app', 'mappings', 'Atlassian')).toMatch(
      /userName +direct +userPrincipalName +always +1/,
    );
    const broken = structuredClone(mappings);
    broken.users.attributes[1] = {
      target: 'active',
      type: 'expression',
      expression: 'Switch([IsSoftDeleted], , "False"',
    };
    broken.users.attributes.push({ target: 'nickName2', type: 'direct', source: 'mail' } as never);
    const badFile = file('bad-mappings.json', JSON.stringify(broken, null, 2));
    const result = await cli('app', 'mappings', 'Atlassian', '--import', badFile);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('scimsync: the mappings are not valid:');
    const exprLine =
      readFileSync(badFile, 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('Switch(')) + 1;
    expect(result.stderr).toContain(`${badFile}:${exprLine}:`);
    expect(result.stderr).toMatch(/users\.attributes\[1\]\.expression: .*column/);
    expect(result.stderr).toMatch(/users\.attributes\[\d+\]\.target: .*nickName2/);
    const round = await cli('app', 'mappings', 'Atlassian', '--import', exported);
    expect(round.code).toBe(0);
    expect(round.stdout).toContain('initial cycle');
  });

  it('refuses a matching attribute the Atlassian target cannot filter by', async () => {
    const exported = join(dir, 'mappings2.json');
    await ok('app', 'mappings', 'Atlassian', '--export', exported);
    const mappings = JSON.parse(readFileSync(exported, 'utf8')) as {
      users: { attributes: { target: string; matchingPrecedence?: number }[] };
    };
    const email = mappings.users.attributes.find((a) => a.target.startsWith('emails'))!;
    email.matchingPrecedence = 2;
    const result = await cli(
      'app',
      'mappings',
      'Atlassian',
      '--import',
      file('m2.json', JSON.stringify(mappings, null, 2)),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'can only filter Users by userName, externalId, so "emails[type eq "work"].value" cannot be a matching attribute',
    );
  });

  it('adds scoping clauses and disables users who leave scope on the next (initial) cycle', async () => {
    expect(await ok('app', 'scoping', 'Atlassian', '--add', 'department EQUALS "Eng"')).toContain(
      'department EQUALS "Eng"',
    );
    const bad = await cli('app', 'scoping', 'Atlassian', '--add', 'department SOUNDS_LIKE x');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--add #1: unknown operator');
    const summary = JSON.parse(await ok('sync', 'Atlassian', '--json')) as Record<string, unknown>;
    expect(summary).toMatchObject({ kind: 'initial', disabled: 1, failed: 0 });
    expect(await ok('app', 'scoping', 'Atlassian', '--clear')).toContain('no scoping filters');
  });

  it('says which application is unknown or not configured', async () => {
    const unknown = await cli('sync', 'Nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no application "Nope"');
    await ok('app', 'create', '--name', 'Bare');
    const bare = await cli('sync', 'Bare');
    expect(bare.stderr).toContain('application "Bare" has no provisioning job yet');
  });
});

describe('parseClause', () => {
  it('reads operators with spaces, quoted and bare values, and value-less operators', () => {
    expect(parseClause('mail ENDS_WITH "@contoso.com"', 'x')).toEqual({
      attribute: 'mail',
      operator: 'ENDS_WITH',
      value: '@contoso.com',
    });
    expect(parseClause('department NOT EQUALS Sales Team', 'x')).toEqual({
      attribute: 'department',
      operator: 'NOT EQUALS',
      value: 'Sales Team',
    });
    expect(parseClause('jobTitle NOT REGEX MATCH ^Intern', 'x')).toEqual({
      attribute: 'jobTitle',
      operator: 'NOT REGEX MATCH',
      value: '^Intern',
    });
    expect(parseClause('manager IS NOT NULL', 'x')).toEqual({
      attribute: 'manager',
      operator: 'IS NOT NULL',
    });
    expect(() => parseClause('lonely', '--add #2')).toThrow(
      '--add #2: expected "ATTRIBUTE OPERATOR [VALUE]"',
    );
  });
});
