import { describe, expect, it } from 'vitest';
import { DirectoryImportError, type ImportIssue } from './import-error.js';
import { parseCsvImport } from './parse-csv-import.js';

function issuesOf(text: string): ImportIssue[] {
  try {
    parseCsvImport(text, 'users.csv');
  } catch (error) {
    if (error instanceof DirectoryImportError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the import to be rejected');
}

describe('parseCsvImport', () => {
  it('converts cells to typed attributes', () => {
    const parsed = parseCsvImport(
      'id,userPrincipalName,surname,accountEnabled,businessPhones,manager,extension_x_cost\r\n' +
        '11111111-1111-4111-8111-111111111111,ada@x.com,Lovelace,true,+1 555; +1 666,,CC-1\r\n' +
        ',bob@x.com,"Smith, Jr.",FALSE,,ada@x.com,\r\n',
      'users.csv',
    );
    expect(parsed.groups).toEqual([]);
    expect(parsed.users).toEqual([
      {
        id: '11111111-1111-4111-8111-111111111111',
        userPrincipalName: 'ada@x.com',
        attributes: {
          userPrincipalName: 'ada@x.com',
          surname: 'Lovelace',
          accountEnabled: true,
          businessPhones: ['+1 555', '+1 666'],
          extension_x_cost: 'CC-1',
        },
        manager: null,
        createdDateTime: undefined,
        line: 2,
        location: 'row 1',
      },
      {
        id: undefined,
        userPrincipalName: 'bob@x.com',
        attributes: {
          userPrincipalName: 'bob@x.com',
          surname: 'Smith, Jr.',
          accountEnabled: false,
          businessPhones: null,
          extension_x_cost: null,
        },
        manager: 'ada@x.com',
        createdDateTime: undefined,
        line: 3,
        location: 'row 2',
      },
    ]);
  });

  it('counts lines inside quoted fields so later rows keep their line numbers', () => {
    const issues = issuesOf(
      'userPrincipalName,streetAddress,accountEnabled\na@x.com,"1 Main St\nSuite 2",true\nb@x.com,x,maybe\n',
    );
    expect(issues).toEqual([
      {
        file: 'users.csv',
        line: 4,
        location: 'row 2, column accountEnabled',
        field: 'accountEnabled',
        message: 'expected true or false, got string "maybe"',
      },
    ]);
  });

  it('names an unknown column and lists the valid ones', () => {
    const [issue] = issuesOf('userPrincipalName,nickname\na@x.com,A\n');
    expect(issue).toMatchObject({ line: 1, field: 'nickname', location: 'header column 2' });
    expect(issue?.message).toMatch(
      /^unknown column "nickname"; valid columns: id, userPrincipalName, .*accountEnabled/,
    );
  });

  it('requires a userPrincipalName column and value', () => {
    expect(issuesOf('givenName\nAda\n')[0]?.message).toBe('the header has no userPrincipalName column');
    expect(issuesOf('userPrincipalName,givenName\n,Ada\n')[0]).toMatchObject({
      line: 2,
      location: 'row 1, column userPrincipalName',
      message: 'is required',
    });
    expect(issuesOf('')[0]?.message).toMatch(/the file is empty/);
  });

  it('rejects rows with the wrong number of fields and repeated columns', () => {
    expect(issuesOf('userPrincipalName,surname\na@x.com\n')[0]).toMatchObject({
      line: 2,
      message: 'has 1 fields, the header has 2',
    });
    expect(issuesOf('userPrincipalName,surname,surname\n')[0]?.message).toBe(
      'column "surname" appears twice',
    );
  });

  it('names both lines of a duplicate userPrincipalName', () => {
    const [issue] = issuesOf('userPrincipalName\nada@x.com\nbob@x.com\nADA@x.com\n');
    expect(issue).toMatchObject({ line: 4, location: 'row 3, column userPrincipalName' });
    expect(issue?.message).toBe('duplicate userPrincipalName "ADA@x.com": also at line 2 (row 1)');
  });

  it('reports CSV syntax errors with their line', () => {
    expect(issuesOf('userPrincipalName,surname\na@x.com,"open\n')[0]).toMatchObject({ line: 2 });
    expect(issuesOf('userPrincipalName,surname\na@x.com,"x"y\n')[0]?.message).toMatch(
      /after a closing quote/,
    );
    expect(issuesOf('userPrincipalName,surname\na@x.com,x"y\n')[0]?.message).toMatch(
      /quote inside an unquoted field/,
    );
  });
});
