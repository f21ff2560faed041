import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const users = [
  { id: '1', userName: 'bjensen', emails: [{ type: 'work', value: 'bjensen@example.com' }], active: true },
  { id: '2', userName: 'jsmith', emails: [{ type: 'work', value: 'jsmith@example.org' }], active: true },
  { id: '3', userName: 'adoe', emails: [{ type: 'home', value: 'adoe@example.com' }], active: false },
];

describe('scimsync scim filter', () => {
  it('prints the canonical form', async () => {
    const result = await runCli('scim', 'filter', 'userName EQ "bjensen" AND (title pr OR active eq true)');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe('userName eq "bjensen" and (title pr or active eq true)\n');
  });

  it('evaluates against a ListResponse file', async () => {
    const resources = file('list.json', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      Resources: users,
    });
    const result = await runCli(
      'scim',
      'filter',
      'emails[type eq "work" and value co "@example.com"]',
      '--resources',
      resources,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('matched 1 of 3');
    expect(result.stdout).toContain('1 bjensen');
    const json = await runCli('scim', 'filter', 'active eq true', '--resources', resources, '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ matched: 2, total: 3 });
  });

  it('points at the fault of a bad filter', async () => {
    const result = await runCli('scim', 'filter', 'userName eqq "x"');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^scimsync: invalidFilter: .*offset 9/);
    expect(result.stderr).toContain('  userName eqq "x"\n           ^');
  });

  it('names the file, line and column of bad JSON', async () => {
    const bad = file('bad.json', '[\n  {"id": "1",}\n]');
    const result = await runCli('scim', 'filter', 'title pr', '--resources', bad);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`scimsync: ${bad}:2:14: invalid JSON: unexpected "}"\n`);
  });

  it('rejects an unknown resource type', async () => {
    const result = await runCli('scim', 'filter', 'title pr', '--resource-type', 'Device');
    expect(result).toMatchObject({ code: 1 });
    expect(result.stderr).toContain('unknown resource type "Device" (known: User, Group)');
  });
});

describe('scimsync scim patch', () => {
  it('applies an Entra PATCH and prints the result', async () => {
    const resource = file('user.json', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      ...users[0],
    });
    const request = file('patch.json', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'Add', path: 'name.givenName', value: 'Barbara' },
      ],
    });
    const result = await runCli('scim', 'patch', resource, request);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      active: false,
      name: { givenName: 'Barbara' },
      userName: 'bjensen',
    });
  });

  it('reports a bad operation with the request file', async () => {
    const resource = file('user2.json', users[0]);
    const request = file('bad-patch.json', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', path: 'emails[type eq "work"', value: 'x' }],
    });
    const result = await runCli('scim', 'patch', resource, request);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^scimsync: ${request.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: invalidFilter: Operations\\[0\\]\\.path: `,
      ),
    );
  });
});

describe('scimsync --help', () => {
  it('lists the commands', async () => {
    const result = await runCli('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: scimsync');
    expect(result.stdout).toContain('scim');
  });
});
