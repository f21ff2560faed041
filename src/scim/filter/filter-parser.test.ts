import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import { compileFilter, evaluateFilter } from './evaluate-filter.js';
import type { Filter } from './filter-ast.js';
import { FILTER_MAX_DEPTH, FILTER_MAX_LENGTH, parseFilter } from './filter-parser.js';
import {
  EXTRA_FILTER_CASES,
  INVALID_FILTER_CASES,
  RFC_FILTER_CASES,
  SAMPLE_RESOURCES,
  cmp,
  or,
  type SampleName,
} from './filter-parser.cases.js';
import { printFilter } from './print-filter.js';

const userSchema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
const SAMPLES = Object.keys(SAMPLE_RESOURCES) as SampleName[];

function parseError(text: string, options?: Parameters<typeof parseFilter>[1]): ScimError {
  try {
    parseFilter(text, options);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

describe.each([
  ['RFC 7644 examples', RFC_FILTER_CASES],
  ['further filters', EXTRA_FILTER_CASES],
])('parseFilter: %s', (_title, cases) => {
  describe.each(cases)('$filter ($source)', ({ filter, ast, printed, matches }) => {
    it('parses to the expected AST', () => {
      expect(parseFilter(filter)).toStrictEqual(ast);
    });

    it('prints canonically and round-trips', () => {
      const text = printFilter(ast);
      expect(text).toBe(printed ?? filter);
      expect(parseFilter(text)).toStrictEqual(ast);
    });

    it.each(SAMPLES)('evaluates against %s', (sample) => {
      const resource = SAMPLE_RESOURCES[sample];
      expect(evaluateFilter(ast, resource)).toBe(matches[sample]);
      // The User schema only sharpens types (dateTime, caseExact): the results are the same here.
      expect(compileFilter(ast, userSchema)(resource)).toBe(matches[sample]);
    });
  });
});

describe('parseFilter: invalid filters', () => {
  it.each(INVALID_FILTER_CASES)('rejects $filter at offset $position', ({ filter, position, detail }) => {
    const error = parseError(filter);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.position).toBe(position);
    expect(error.detail).toContain(detail);
    expect(error.detail).toContain(`offset ${position}`);
  });
});

describe('parseFilter: bounds', () => {
  it('exports its default limits', () => {
    expect(FILTER_MAX_LENGTH).toBe(10_000);
    expect(FILTER_MAX_DEPTH).toBe(50);
  });

  it('rejects a filter over maxLength, naming the bound', () => {
    const text = `userName eq "${'x'.repeat(FILTER_MAX_LENGTH)}"`;
    const error = parseError(text);
    expect(error.scimType).toBe('invalidFilter');
    expect(error.detail).toContain('maxLength');
    expect(error.detail).toContain('10000');
    expect(error.position).toBe(FILTER_MAX_LENGTH);
    expect(parseFilter(text, { maxLength: 20_000 })).toMatchObject({ kind: 'comparison' });
  });

  it('accepts nesting up to maxDepth and rejects one level more', () => {
    const nested = (depth: number): string => `${'('.repeat(depth)}title pr${')'.repeat(depth)}`;
    expect(parseFilter(nested(FILTER_MAX_DEPTH))).toStrictEqual({
      kind: 'present',
      path: { attribute: 'title' },
    });
    const error = parseError(nested(FILTER_MAX_DEPTH + 1));
    expect(error.detail).toContain('maxDepth');
    expect(error.detail).toContain('50');
    expect(error.position).toBe(FILTER_MAX_DEPTH);
    expect(parseError(nested(4), { maxDepth: 3 }).position).toBe(3);
  });

  it('counts not and brackets as nesting', () => {
    const nots = `${'not ('.repeat(FILTER_MAX_DEPTH + 1)}title pr${')'.repeat(FILTER_MAX_DEPTH + 1)}`;
    expect(parseError(nots).detail).toContain('maxDepth');
    expect(parseError('emails[type eq "work"]', { maxDepth: 0 }).position).toBe(6);
  });

  it('parses, prints and evaluates a 2,000-clause or-chain without deep recursion', () => {
    const clauses = Array.from({ length: 2_000 }, (_, i) => `userName eq "u${i}"`);
    const text = clauses.join(' or ');
    const filter = parseFilter(text, { maxLength: 100_000 });
    // Left-associative: the last clause is the right operand of the root.
    expect(filter).toMatchObject({ kind: 'logical', operator: 'or', right: cmp('userName', 'eq', 'u1999') });
    expect(printFilter(filter)).toBe(text);
    const matches = compileFilter(filter);
    expect(matches({ userName: 'u1500' })).toBe(true);
    expect(matches({ userName: 'nobody' })).toBe(false);
  });

  it('handles a 50,000-clause and-chain (deeper than the default stack could recurse)', () => {
    const text = Array.from({ length: 50_000 }, () => 'a pr').join(' and ');
    const filter = parseFilter(text, { maxLength: text.length });
    expect(printFilter(filter).length).toBe(text.length);
    expect(compileFilter(filter)({ a: 1 })).toBe(true);
  });
});

describe('parseFilter: AST shape', () => {
  it('keeps the URN prefix and names as written', () => {
    expect(
      parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:Manager.Value eq "x"'),
    ).toStrictEqual({
      kind: 'comparison',
      path: {
        schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
        attribute: 'Manager',
        subAttribute: 'Value',
      },
      operator: 'eq',
      value: 'x',
    });
  });

  it('reads numbers as JSON does', () => {
    const values = ['0', '-0', '42', '-7', '3.25', '1e3', '1E-2', '2.5e+2'].map(
      (literal) => (parseFilter(`n eq ${literal}`) as Extract<Filter, { kind: 'comparison' }>).value,
    );
    expect(values).toStrictEqual([0, -0, 42, -7, 3.25, 1000, 0.01, 250]);
  });

  it('decodes \\u escapes, including surrogate pairs', () => {
    expect(parseFilter(String.raw`x eq "\u00e9\ud83d\ude00\u0041"`)).toStrictEqual(cmp('x', 'eq', 'é😀A'));
  });

  it('builds left-associative and/or trees', () => {
    expect(parseFilter('a pr or b pr or c pr')).toStrictEqual(
      or(or({ kind: 'present', path: { attribute: 'a' } }, { kind: 'present', path: { attribute: 'b' } }), {
        kind: 'present',
        path: { attribute: 'c' },
      }),
    );
  });
});
