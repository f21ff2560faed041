import { describe, expect, it } from 'vitest';
import { DirectoryImportError, type ImportIssue } from './import-error.js';
import { parseJsonImport } from './parse-json-import.js';

function issuesOf(text: string): ImportIssue[] {
  try {
    parseJsonImport(text, 'dir.json');
  } catch (error) {
    if (error instanceof DirectoryImportError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the import to be rejected');
}

const file = (value: unknown) => JSON.stringify(value, null, 2);
const U1 = '11111111-1111-4111-8111-111111111111';
const G1 = '22222222-2222-4222-8222-222222222222';

describe('parseJsonImport', () => {
  it('reads users, managers, groups and members', () => {
    const parsed = parseJsonImport(
      file({
        '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata',
        users: [
          { id: U1, userPrincipalName: 'ada@example.com', accountEnabled: true, businessPhones: ['+1 555'] },
          { userPrincipalName: 'bob@example.com', manager: U1, createdDateTime: '2024-01-01T00:00:00Z' },
        ],
        groups: [
          { id: G1, displayName: 'Eng', securityEnabled: true, members: [U1, { id: 'bob@example.com' }] },
        ],
      }),
      'dir.json',
    );
    expect(parsed.users).toEqual([
      {
        id: U1,
        userPrincipalName: 'ada@example.com',
        attributes: {
          userPrincipalName: 'ada@example.com',
          accountEnabled: true,
          businessPhones: ['+1 555'],
        },
        manager: undefined,
        createdDateTime: undefined,
        line: 4,
        location: 'users[0]',
      },
      {
        id: undefined,
        userPrincipalName: 'bob@example.com',
        attributes: { userPrincipalName: 'bob@example.com' },
        manager: U1,
        createdDateTime: '2024-01-01T00:00:00.000Z',
        line: 12,
        location: 'users[1]',
      },
    ]);
    expect(parsed.groups[0]).toMatchObject({
      id: G1,
      displayName: 'Eng',
      members: [U1, 'bob@example.com'],
      line: 19,
    });
    expect(parsed.groups[0]?.attributes).toEqual({ displayName: 'Eng', securityEnabled: true });
  });

  it('reports malformed JSON with its line and column', () => {
    const [issue, ...rest] = issuesOf('{\n  "users": [\n    {"userPrincipalName": "a@x.com",}\n  ]\n}');
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'dir.json', line: 3 });
    expect(issue?.message).toBe('invalid JSON at column 37: unexpected "}"');
  });

  it('reports a truncated file at its end', () => {
    expect(issuesOf('{"users": [\n{"userPrincipalName": "a@x.com"}')[0]).toMatchObject({
      line: 2,
      message: 'invalid JSON at column 33: unexpected end of input',
    });
  });

  it('names index, field and line of a wrong type', () => {
    const users: object[] = Array.from({ length: 13 }, (_, i) => ({ userPrincipalName: `u${i}@x.com` }));
    users[12] = { userPrincipalName: 'u12@x.com', accountEnabled: 'yes' };
    const text = file({ users });
    const issues = issuesOf(text);
    expect(issues).toEqual([
      {
        file: 'dir.json',
        location: 'users[12].accountEnabled',
        field: 'accountEnabled',
        // the record's opening brace: the line before its first attribute (0-based index + 1 - 1)
        line: text.split('\n').findIndex((l) => l.includes('u12@x.com')),
        message: 'expected true or false, got string "yes"',
      },
    ]);
  });

  it('collects every problem: types, unknown attributes, missing keys, bad shapes', () => {
    const issues = issuesOf(
      file({
        users: [
          { userPrincipalName: 'a@x.com', businessPhones: [1], nickname: 'A' },
          { givenName: 'NoUpn' },
          'not an object',
          { userPrincipalName: 'b@x.com', extension_abc_costCenter: { nested: true } },
          { userPrincipalName: 'not-an-upn' },
        ],
        groups: [
          { description: 'no name' },
          { displayName: 'G', members: [1] },
          { displayName: 'H', members: 'x' },
        ],
        extra: 1,
      }),
    );
    expect(issues.map((i) => i.location)).toEqual([
      'extra',
      'users[2]',
      'users[0].businessPhones',
      'users[0].nickname',
      'users[1].userPrincipalName',
      'users[3].extension_abc_costCenter',
      'users[4].userPrincipalName',
      'groups[0].displayName',
      'groups[1].members[0]',
      'groups[2].members',
    ]);
    expect(issues.find((i) => i.field === 'nickname')?.message).toBe('unknown attribute "nickname"');
    expect(issues.find((i) => i.location === 'users[4].userPrincipalName')?.message).toBe(
      'expected user@domain form, got "not-an-upn", got string "not-an-upn"',
    );
  });

  it('rejects a file that is not an object and lists that are not arrays', () => {
    expect(issuesOf('[]')[0]?.message).toMatch(/must hold an object/);
    expect(issuesOf('{"users": {}}')[0]).toMatchObject({
      location: 'users',
      message: 'must be an array, got an object',
    });
  });

  it('names both records of a duplicate userPrincipalName, case-insensitively', () => {
    const text = file({
      users: [
        { userPrincipalName: 'Ada@X.com' },
        { userPrincipalName: 'b@x.com' },
        { userPrincipalName: 'ada@x.COM' },
      ],
    });
    const issues = issuesOf(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 9, location: 'users[2].userPrincipalName' });
    expect(issues[0]?.message).toBe('duplicate userPrincipalName "ada@x.COM": also at line 3 (users[0])');
  });

  it('rejects malformed ids, duplicate ids and an id used by a user and a group', () => {
    const issues = issuesOf(
      file({
        users: [
          { id: U1, userPrincipalName: 'a@x.com' },
          { id: U1.toUpperCase(), userPrincipalName: 'b@x.com' },
        ],
        groups: [
          { id: U1, displayName: 'G' },
          { id: 'g-2', displayName: 'H' },
        ],
      }),
    );
    expect(issues.map((i) => `${i.location}: ${i.message}`)).toEqual([
      'groups[1].id: expected a GUID (e.g. 6e1c3f0e-93b4-4d1c-8f7a-2f8f3c1b9a10), got string "g-2"',
      `users[1].id: duplicate id "${U1}": also at line 3 (users[0])`,
      `groups[0].id: id "${U1}" is also a user's id in this file`,
    ]);
  });

  it('formats the error message with file, line, location and message', () => {
    expect(() => parseJsonImport('{"users": [{"userPrincipalName": 5}]}', 'in.json')).toThrow(
      'in.json:1: users[0].userPrincipalName: expected a string, got number 5',
    );
  });
});
