import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import type { Filter } from './filter-ast.js';
import { and, cmp, not, or, pr, valuePath } from './filter-parser.cases.js';
import { printFilter, printFilterLiteral } from './print-filter.js';

describe('printFilter', () => {
  it.each<[Filter, string]>([
    [and(or(pr('a'), pr('b')), pr('c')), '(a pr or b pr) and c pr'],
    [or(and(pr('a'), pr('b')), pr('c')), 'a pr and b pr or c pr'],
    [or(pr('a'), and(pr('b'), pr('c'))), 'a pr or b pr and c pr'],
    [and(pr('a'), and(pr('b'), pr('c'))), 'a pr and (b pr and c pr)'],
    [and(and(pr('a'), pr('b')), pr('c')), 'a pr and b pr and c pr'],
    [and(pr('a'), or(pr('b'), pr('c'))), 'a pr and (b pr or c pr)'],
    [not(and(pr('a'), pr('b'))), 'not (a pr and b pr)'],
    [valuePath('emails', or(pr('a'), pr('b'))), 'emails[a pr or b pr]'],
  ])('uses parentheses only where needed: %j', (filter, expected) => {
    expect(printFilter(filter)).toBe(expected);
  });

  it('prints URN prefixes and JSON literals', () => {
    expect(
      printFilter(cmp('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName', 'eq', 'say "hi"\n')),
    ).toBe(String.raw`urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "say \"hi\"\n"`);
  });

  it('prints numbers so they read back identically', () => {
    expect([1e21, -0, 0.1, 5e-324, true, null].map(printFilterLiteral)).toStrictEqual([
      '1e+21',
      '-0',
      '0.1',
      '5e-324',
      'true',
      'null',
    ]);
  });

  it('refuses non-finite numbers, which a filter cannot express', () => {
    expect(() => printFilter(cmp('a', 'eq', Number.NaN))).toThrow(ScimError);
    expect(() => printFilterLiteral(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});
