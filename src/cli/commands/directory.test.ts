import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-directory-cli-'));
const data = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

const json = async <T = Record<string, unknown>>(...args: string[]) =>
  JSON.parse(await ok(...args, '--json')) as T;

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('scimsync directory import', () => {
  it('imports JSON and CSV, prints counts, and with --replace soft-deletes the rest', async () => {
    const users = file(
      'dir.json',
      JSON.stringify({
        users: [
          { userPrincipalName: 'ada@import.example.com', surname: 'Lovelace' },
          { userPrincipalName: 'bob@import.example.com', manager: 'ada@import.example.com' },
        ],
        groups: [{ displayName: 'Imported', members: ['ada@import.example.com', 'bob@import.example.com'] }],
      }),
    );
    expect(await ok('directory', 'import', users)).toBe(
      `imported ${users}\n` +
        'users:        2 created, 0 updated, 0 deleted\n' +
        'groups:       1 created, 0 updated, 0 deleted\n' +
        'memberships:  2 added, 0 removed\n',
    );
    const csv = file('users.csv', 'userPrincipalName,department\r\nada@import.example.com,"R&D, Labs"\r\n');
    expect(await json('directory', 'import', csv, '--replace')).toEqual({
      usersCreated: 0,
      usersUpdated: 1,
      usersDeleted: 1,
      groupsCreated: 0,
      groupsUpdated: 0,
      groupsDeleted: 1,
      membershipsAdded: 0,
      membershipsRemoved: 0,
    });
    const deleted = await json<{ userPrincipalName: string }[]>('directory', 'user', 'list', '--deleted');
    expect(deleted.map((u) => u.userPrincipalName)).toEqual(['bob@import.example.com']);
  });

  it('reports bad files with file, line and field and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      'userPrincipalName,accountEnabled\nzed@import.example.com,true\nyan@import.example.com,nope\nzed@IMPORT.example.com,false\n',
    );
    const stderr = await fails('directory', 'import', bad);
    expect(stderr).toContain('2 problems in the import; nothing was written');
    expect(stderr).toContain(
      `${bad}:3: row 2, column accountEnabled: expected true or false, got string "nope"`,
    );
    expect(stderr).toContain(
      `${bad}:4: row 3, column userPrincipalName: duplicate userPrincipalName "zed@IMPORT.example.com": also at line 2 (row 1)`,
    );
    expect(await ok('directory', 'user', 'list')).not.toContain('zed@');
    expect(await fails('directory', 'import', file('x.txt', ''))).toMatch(/name it \.json or \.csv/);
    expect(await fails('directory', 'import', join(dir, 'missing.json'))).toMatch(/cannot read/);
    const malformed = file('m.json', '{"users": [\n  {"userPrincipalName": }\n]}');
    expect(await fails('directory', 'import', malformed)).toContain(
      `${malformed}:2: invalid JSON at column 25: unexpected "}"`,
    );
  });
});

describe('scimsync directory user', () => {
  it('adds, sets any attribute by flag, lists, deletes, restores and purges', async () => {
    const created = await json<{ id: string }>(
      'directory',
      'user',
      'add',
      '--userPrincipalName',
      'carl@cli.example.com',
      '--givenName',
      'Carl',
      '--businessPhones',
      '+1 555;+1 666',
      '--extension_abc_costCenter',
      'CC-7',
    );
    expect(created).toMatchObject({
      userPrincipalName: 'carl@cli.example.com',
      givenName: 'Carl',
      businessPhones: ['+1 555', '+1 666'],
      extension_abc_costCenter: 'CC-7',
    });
    const updated = await json(
      'directory',
      'user',
      'set',
      'carl@cli.example.com',
      '--surname',
      'Smith',
      '--accountEnabled',
      'false',
      '--department=Sales',
      '--givenName',
      '',
    );
    expect(updated).toMatchObject({
      id: created.id,
      surname: 'Smith',
      accountEnabled: false,
      department: 'Sales',
    });
    expect(updated).not.toHaveProperty('givenName');
    expect(await ok('directory', 'user', 'list')).toMatch(/carl@cli\.example\.com\s+false\s+Sales/);

    expect(await ok('directory', 'user', 'delete', created.id)).toBe(`deleted user ${created.id}\n`);
    expect(await ok('directory', 'user', 'list', '--deleted')).toContain('carl@cli.example.com');
    expect(await ok('directory', 'user', 'restore', 'carl@cli.example.com')).toBe(
      'restored user carl@cli.example.com\n',
    );
    expect(await json('directory', 'user', 'purge', 'carl@cli.example.com')).toEqual({
      user: 'carl@cli.example.com',
      purged: true,
    });
    expect(await fails('directory', 'user', 'restore', 'carl@cli.example.com')).toMatch(
      /no user "carl@cli\.example\.com"/,
    );
  });

  it('rejects unknown flags listing the valid ones, and bad values', async () => {
    const stderr = await fails(
      'directory',
      'user',
      'add',
      '--userPrincipalName',
      'd@cli.example.com',
      '--nickname',
      'D',
    );
    expect(stderr).toMatch(
      /unknown attribute flag --nickname; valid: --userPrincipalName, .*--surname, .*--extension_<name>/,
    );
    expect(await fails('directory', 'user', 'add', '--givenName', 'NoUpn')).toMatch(
      /--userPrincipalName is required/,
    );
    expect(
      await fails(
        'directory',
        'user',
        'add',
        '--userPrincipalName',
        'e@cli.example.com',
        '--accountEnabled',
        'maybe',
      ),
    ).toMatch(/accountEnabled" is invalid: expected true or false/);
    expect(await fails('directory', 'user', 'set', 'nobody@cli.example.com')).toMatch(
      /name at least one attribute/,
    );
    expect(await fails('directory', 'user', 'set', 'nobody@cli.example.com', '--surname')).toMatch(
      /--surname needs a value/,
    );
  });
});

describe('scimsync directory group and app', () => {
  it('manages groups, members and assignments', async () => {
    await ok('directory', 'user', 'add', '--userPrincipalName', 'gina@cli.example.com');
    const group = await json<{ id: string }>(
      'directory',
      'group',
      'add',
      '--displayName',
      'Ops',
      '--description',
      'Operations',
    );
    expect(group).toMatchObject({ displayName: 'Ops', description: 'Operations' });
    expect(await ok('directory', 'group', 'set', 'Ops', '--displayName', 'SRE')).toBe(
      `updated group ${group.id} (SRE)\n`,
    );
    expect(await ok('directory', 'group', 'add-member', 'SRE', 'gina@cli.example.com')).toBe(
      'added gina@cli.example.com to SRE\n',
    );
    expect(await ok('directory', 'group', 'list')).toMatch(/SRE\s+Operations/);

    const app = await json<{ id: string; name: string }>(
      'app',
      'create',
      '--name',
      'Wiki',
      '--role',
      'editor',
    );
    expect(app).toMatchObject({ name: 'Wiki', appRoles: [expect.objectContaining({ value: 'editor' })] });
    const assignment = await json('app', 'assign', 'Wiki', '--group', 'SRE', '--role', 'editor');
    expect(assignment).toMatchObject({
      applicationId: app.id,
      principalId: group.id,
      principalType: 'group',
    });
    expect(await ok('app', 'assign', 'Wiki', '--user', 'gina@cli.example.com')).toMatch(
      /^assigned gina@cli\.example\.com to Wiki/,
    );
    expect(await ok('app', 'list')).toMatch(/Wiki\s+editor/);
    expect(await fails('app', 'assign', 'Wiki')).toMatch(/name exactly one principal/);
    expect(await json('app', 'unassign', 'Wiki', '--group', 'SRE')).toEqual({ removed: 1 });

    expect(await ok('directory', 'group', 'remove-member', 'SRE', 'gina@cli.example.com')).toBe(
      'removed gina@cli.example.com from SRE\n',
    );
    expect(await ok('directory', 'group', 'delete', 'SRE')).toBe('deleted group SRE\n');
    expect(await fails('directory', 'group', 'set', 'SRE', '--displayName', 'X')).toMatch(/no group "SRE"/);
  });
});

describe('scimsync directory maintain', () => {
  it('runs the upkeep once and reports what it did', async () => {
    // Nothing is past a one-day retention yet: a run purges nothing and keeps recent changes.
    expect(await json('directory', 'maintain', '--retention-days', '1', '--change-log-days', '1')).toEqual({
      purged: 0,
      compacted: 0,
    });
    expect(await ok('directory', 'maintain')).toBe(
      'purged 0 users and groups past retention; compacted 0 change-log entries\n',
    );
    const refused = await runCli('directory', 'maintain', '--retention-days', '0', '--data', data);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      "option '--retention-days <days>' argument '0' is invalid. expected a whole number ≥ 1",
    );
  });
});
