import { describe, expect, it } from 'vitest';
import { MappingValidationError } from './mapping-errors.js';
import { CLAUSE_CASES } from './scoping.cases.js';
import {
  SCOPING_OPERATORS,
  compileScoping,
  validateScoping,
  type ScopingClause,
  type ScopingFilter,
} from './scoping.js';

describe('scoping clauses', () => {
  it.each(CLAUSE_CASES)(
    '$operator $value on $actual is $expected',
    ({ operator, value, actual, expected }) => {
      const clause: ScopingClause =
        value === undefined ? { attribute: 'a', operator } : { attribute: 'a', operator, value };
      const inScope = compileScoping([{ clauses: [clause] }]);
      expect(inScope(actual === undefined ? {} : { a: actual })).toBe(expected);
    },
  );

  it('has a case for every operator', () => {
    const covered = new Set(CLAUSE_CASES.map((c) => c.operator));
    expect([...covered].sort()).toEqual([...SCOPING_OPERATORS].sort());
  });
});

describe('scoping composition', () => {
  const sales: ScopingClause = { attribute: 'department', operator: 'EQUALS', value: 'Sales' };
  const newYork: ScopingClause = { attribute: 'state', operator: 'EQUALS', value: 'New York' };
  const contractor: ScopingClause = { attribute: 'employeeType', operator: 'EQUALS', value: 'Contractor' };

  it('puts everything in scope without filters', () => {
    expect(compileScoping([])({})).toBe(true);
  });

  it('ANDs the clauses of one filter', () => {
    const inScope = compileScoping([{ clauses: [sales, newYork] }]);
    expect(inScope({ department: 'Sales', state: 'New York' })).toBe(true);
    expect(inScope({ department: 'Sales', state: 'Ohio' })).toBe(false);
    expect(inScope({ department: 'Sales' })).toBe(false);
  });

  it('ORs filters', () => {
    const inScope = compileScoping([{ clauses: [sales, newYork] }, { clauses: [contractor] }]);
    expect(inScope({ department: 'Sales', state: 'New York' })).toBe(true);
    expect(inScope({ employeeType: 'Contractor' })).toBe(true);
    expect(inScope({ department: 'Sales', employeeType: 'Employee' })).toBe(false);
  });

  it("evaluates Microsoft's example filter (New York, Engineering, employee id in a range, a job title)", () => {
    const inScope = compileScoping([
      {
        clauses: [
          newYork,
          { attribute: 'department', operator: 'EQUALS', value: 'Engineering' },
          { attribute: 'employeeId', operator: 'Greater_Than_OR_EQUALS', value: '1000000' },
          { attribute: 'employeeId', operator: 'REGEX MATCH', value: '^(1[0-9]{6}|2000000)$' },
          { attribute: 'jobTitle', operator: 'IS NOT NULL' },
        ],
      },
    ]);
    const user = { state: 'New York', department: 'Engineering', employeeId: '1500000', jobTitle: 'Dev' };
    expect(inScope(user)).toBe(true);
    expect(inScope({ ...user, employeeId: '2000001' })).toBe(false);
    expect(inScope({ ...user, jobTitle: null })).toBe(false);
  });
});

describe('validateScoping', () => {
  const filters = (clauses: readonly ScopingClause[]): ScopingFilter[] => [{ clauses: [] }, { clauses }];

  it.each<[ScopingClause, string, string]>([
    [
      { attribute: 'a', operator: 'CONTAINS' } as unknown as ScopingClause,
      'operator',
      'unknown operator "CONTAINS"',
    ],
    [{ attribute: 'a', operator: 'EQUALS' }, 'value', 'needs a value'],
    [{ attribute: 'a', operator: 'Includes', value: '' }, 'value', 'needs a value'],
    [{ attribute: 'a', operator: 'Greater_Than', value: '1.5' }, 'value', 'compares integers'],
    [{ attribute: 'a', operator: 'REGEX MATCH', value: '([a-z' }, 'value', 'not a valid regular expression'],
    [{ attribute: ' ', operator: 'IS NULL' }, 'attribute', 'names the source attribute'],
  ])('reports %j at its member', (clause, member, message) => {
    const issues = validateScoping(
      filters([{ attribute: 'ok', operator: 'IS TRUE' }, clause]),
      'users.scoping',
    );
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      code: 'invalidScopingClause',
      path: `users.scoping[1].clauses[1].${member}`,
    });
    expect(issues[0]!.message).toContain(message);
  });

  it('accepts unary operators without a value', () => {
    expect(validateScoping([{ clauses: [{ attribute: 'a', operator: 'IS NULL' }] }], 's')).toEqual([]);
  });

  it('makes compileScoping throw a MappingValidationError', () => {
    const compile = () =>
      compileScoping([{ clauses: [{ attribute: 'a', operator: 'Greater_Than', value: 'x' }] }]);
    expect(compile).toThrow(MappingValidationError);
    expect(compile).toThrow(/scoping\[0\]\.clauses\[0\]\.value: operator "Greater_Than" compares integers/);
  });
});
