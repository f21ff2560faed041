import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttributePath } from '../path/attribute-path.js';
import { evaluateFilter } from './evaluate-filter.js';
import { COMPARISON_OPERATORS, type Filter, type FilterLiteral } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';
import { printFilter } from './print-filter.js';

// ---------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------

const KEYWORD_NAMES = ['not', 'and', 'or', 'pr', 'eq', 'true', 'null', '$ref', 'value', 'type'];
const attributeName = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORD_NAMES) },
);
const urnSegment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.-]{0,5}$/);
const schemaUrn = fc.oneof(
  fc.constantFrom(
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ),
  fc.array(urnSegment, { minLength: 1, maxLength: 4 }).map((segments) => `urn:${segments.join(':')}`),
);

function pathArbitrary(withSubAttribute: boolean): fc.Arbitrary<AttributePath> {
  return fc
    .record({
      schema: fc.option(schemaUrn, { nil: undefined, freq: 3 }),
      attribute: attributeName,
      subAttribute: withSubAttribute ? fc.option(attributeName, { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ schema, attribute, subAttribute }) => ({
      ...(schema === undefined ? {} : { schema }),
      attribute,
      ...(subAttribute === undefined ? {} : { subAttribute }),
    }));
}

const trickyString = fc.string({
  unit: fc.constantFrom(
    '"',
    '\\',
    '/',
    '\n',
    '\t',
    '\u0000',
    '\u001f',
    '\u2028',
    '\ud800',
    '\udfff',
    'é',
    '😀',
    'a',
    ' ',
  ),
});
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  trickyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

interface FilterArbitraryOptions {
  readonly path: (withSubAttribute: boolean) => fc.Arbitrary<AttributePath>;
  readonly literal: fc.Arbitrary<FilterLiteral>;
  readonly maxDepth: number;
}

/** fc.record builds null-prototype objects; the parser builds plain ones. */
const plain = (arbitrary: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> =>
  arbitrary.map((value) => ({ ...value }));

/** Random filter ASTs; value filters never nest (RFC 7644 §3.4.2.2 forbids "[" inside "["). */
function filterArbitrary({ path, literal: value, maxDepth }: FilterArbitraryOptions): fc.Arbitrary<Filter> {
  const leaf = (): fc.Arbitrary<Filter> =>
    fc.oneof(
      {
        weight: 3,
        arbitrary: plain(
          fc.record({
            kind: fc.constant('comparison' as const),
            path: path(true),
            operator: fc.constantFrom(...COMPARISON_OPERATORS),
            value,
          }),
        ),
      },
      { weight: 1, arbitrary: plain(fc.record({ kind: fc.constant('present' as const), path: path(true) })) },
    );
  const tree = (allowValuePath: boolean, depthIdentifier: string): fc.Arbitrary<Filter> =>
    fc.letrec<{ node: Filter }>((tie) => ({
      node: fc.oneof(
        { maxDepth, depthIdentifier, withCrossShrink: true },
        leaf(),
        plain(
          fc.record({
            kind: fc.constant('logical' as const),
            operator: fc.constantFrom('and' as const, 'or' as const),
            left: tie('node'),
            right: tie('node'),
          }),
        ),
        plain(fc.record({ kind: fc.constant('not' as const), filter: tie('node') })),
        ...(allowValuePath
          ? [
              plain(
                fc.record({
                  kind: fc.constant('valuePath' as const),
                  path: path(false),
                  filter: tree(false, `${depthIdentifier}-inner`),
                }),
              ),
            ]
          : []),
      ),
    })).node;
  return tree(true, 'filter');
}

// ---------------------------------------------------------------------------------------------
// (a), (c): printing and parsing are inverse and stable
// ---------------------------------------------------------------------------------------------

describe('printFilter / parseFilter', () => {
  const anyFilter = filterArbitrary({ path: pathArbitrary, literal, maxDepth: 5 });

  it('parseFilter(printFilter(ast)) rebuilds ast exactly', () => {
    fc.assert(
      fc.property(anyFilter, (ast) => {
        expect(parseFilter(printFilter(ast), { maxLength: 1_000_000 })).toStrictEqual(ast);
      }),
      { numRuns: 400 },
    );
  });

  it('printing is stable: print(parse(print(ast))) === print(ast)', () => {
    fc.assert(
      fc.property(anyFilter, (ast) => {
        const printed = printFilter(ast);
        expect(printFilter(parseFilter(printed, { maxLength: 1_000_000 }))).toBe(printed);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// (b): the evaluator agrees with a deliberately naive reference evaluator
// ---------------------------------------------------------------------------------------------

const EXT = 'urn:example:ext:1.0:Thing';
// Few names and values, so that random filters often hit random data.
const TOP_NAMES = ['userName', 'emails', 'name', 'when'];
const SUB_NAMES = ['value', 'type', 'display'];
const DATES = [
  '2011-05-13T04:42:34Z',
  '2011-05-13T06:42:34+02:00',
  '2011-05-13T04:42:35.5Z',
  '2012-01-01T00:00:00Z',
];
const WORDS = ['work', 'Work', 'WORK', 'home', 'w', 'ork', '', 'BJensen@example.com'];
const NUMBERS = [0, 1, -1, 2.5];

const randomCase = (name: string): fc.Arbitrary<string> =>
  fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());
const poolPath = (withSubAttribute: boolean): fc.Arbitrary<AttributePath> =>
  fc
    .record({
      schema: fc.option(fc.constantFrom(EXT, 'urn:ietf:params:scim:schemas:core:2.0:User'), {
        nil: undefined,
        freq: 4,
      }),
      attribute: fc.constantFrom(...TOP_NAMES, ...SUB_NAMES).chain(randomCase),
      subAttribute: withSubAttribute
        ? fc.option(fc.constantFrom(...SUB_NAMES).chain(randomCase), { nil: undefined })
        : fc.constant(undefined),
    })
    .map(({ schema, attribute, subAttribute }) => ({
      ...(schema === undefined ? {} : { schema }),
      attribute,
      ...(subAttribute === undefined ? {} : { subAttribute }),
    }));
const poolLiteral: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...DATES),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
  fc.constant(null),
);

const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...DATES),
  fc.constantFrom(...NUMBERS),
  fc.boolean(),
);
const emptyish = fc.constantFrom(null, '', [], {});
/** An object whose keys are distinct case-insensitively, each written in a random case. */
const objectOf = (
  names: readonly string[],
  value: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .uniqueArray(fc.constantFrom(...names), { maxLength: names.length })
    .chain((keys) => fc.tuple(...keys.map((key) => fc.tuple(randomCase(key), value))))
    .map((entries) => Object.fromEntries(entries));
const subObject = objectOf(SUB_NAMES, fc.oneof(scalar, emptyish));
const attributeValue = fc.oneof(
  scalar,
  emptyish,
  fc.array(fc.oneof(scalar, emptyish), { maxLength: 3 }),
  subObject,
  fc.array(fc.oneof(subObject, scalar), { maxLength: 3 }),
);
const resourceArbitrary = fc
  .tuple(
    objectOf([...TOP_NAMES, ...SUB_NAMES], attributeValue),
    fc.option(objectOf(TOP_NAMES, attributeValue), { nil: undefined }),
  )
  .map(([core, extension]) => (extension === undefined ? core : { ...core, [EXT]: extension }));

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const member = (object: Json, name: string): unknown => {
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
};
const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (isObject(value) && Object.keys(value).length === 0);
const isPresent = (value: unknown): boolean =>
  Array.isArray(value) ? value.some((item) => !isEmpty(item)) : !isEmpty(value);
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

function referenceContainer(object: Json, path: AttributePath): Json | undefined {
  if (path.schema === undefined) return object;
  const key = Object.keys(object).find((k) => k.toLowerCase() === path.schema!.toLowerCase());
  if (key === undefined) return object;
  const inner = object[key];
  return isObject(inner) ? inner : undefined;
}

/** The objects the path's attribute holds (for sub-attributes and value filters). */
function referenceElements(raw: unknown): Json[] {
  return (Array.isArray(raw) ? raw : [raw]).filter(isObject);
}

function referenceScalars(object: Json, path: AttributePath): (string | number | boolean)[] {
  const container = referenceContainer(object, path);
  if (container === undefined) return [];
  const raw = member(container, path.attribute);
  if (path.subAttribute !== undefined) {
    const values = referenceElements(raw).map((element) => member(element, path.subAttribute!));
    return values
      .flatMap((value): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]))
      .filter(isScalar);
  }
  return (Array.isArray(raw) ? (raw as unknown[]) : [raw])
    .map((item) => (isObject(item) ? member(item, 'value') : item))
    .filter(isScalar);
}

function referencePresent(object: Json, path: AttributePath): boolean {
  const container = referenceContainer(object, path);
  if (container === undefined) return false;
  const raw = member(container, path.attribute);
  if (path.subAttribute === undefined) return isPresent(raw);
  return referenceElements(raw).some((element) => isPresent(member(element, path.subAttribute!)));
}

function referenceTest(
  operator: string,
  actual: string | number | boolean,
  expected: string | number | boolean,
): boolean {
  if (typeof expected === 'boolean') return operator === 'eq' && actual === expected;
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    return (
      {
        eq: actual === expected,
        gt: actual > expected,
        ge: actual >= expected,
        lt: actual < expected,
        le: actual <= expected,
      }[operator] ?? false
    );
  }
  if (typeof actual !== 'string') return false;
  if (
    ['eq', 'gt', 'ge', 'lt', 'le'].includes(operator) &&
    DATE_PATTERN.test(actual) &&
    DATE_PATTERN.test(expected)
  ) {
    const [a, b] = [Date.parse(actual), Date.parse(expected)];
    return { eq: a === b, gt: a > b, ge: a >= b, lt: a < b, le: a <= b }[operator] ?? false;
  }
  const [a, b] = [actual.toLowerCase(), expected.toLowerCase()];
  const results: Record<string, boolean> = {
    eq: a === b,
    co: a.includes(b),
    sw: a.startsWith(b),
    ew: a.endsWith(b),
    gt: a > b,
    ge: a >= b,
    lt: a < b,
    le: a <= b,
  };
  return results[operator] ?? false;
}

function referenceEvaluate(filter: Filter, object: Json): boolean {
  switch (filter.kind) {
    case 'logical':
      return filter.operator === 'and'
        ? referenceEvaluate(filter.left, object) && referenceEvaluate(filter.right, object)
        : referenceEvaluate(filter.left, object) || referenceEvaluate(filter.right, object);
    case 'not':
      return !referenceEvaluate(filter.filter, object);
    case 'present':
      return referencePresent(object, filter.path);
    case 'valuePath': {
      const container = referenceContainer(object, filter.path);
      if (container === undefined) return false;
      return referenceElements(member(container, filter.path.attribute)).some((element) =>
        referenceEvaluate(filter.filter, element),
      );
    }
    case 'comparison': {
      const { operator, value } = filter;
      if (value === null) {
        if (operator === 'eq') return !referencePresent(object, filter.path);
        return operator === 'ne' && referencePresent(object, filter.path);
      }
      const scalars = referenceScalars(object, filter.path);
      if (operator === 'ne') return !scalars.some((actual) => referenceTest('eq', actual, value));
      return scalars.some((actual) => referenceTest(operator, actual, value));
    }
  }
}

describe('evaluateFilter', () => {
  it('agrees with a naive reference evaluator on random filters and resources', () => {
    const poolFilter = filterArbitrary({ path: poolPath, literal: poolLiteral, maxDepth: 4 });
    fc.assert(
      fc.property(
        poolFilter,
        fc.array(resourceArbitrary, { minLength: 1, maxLength: 4 }),
        (filter, resources) => {
          for (const resource of resources) {
            expect(evaluateFilter(filter, resource)).toBe(referenceEvaluate(filter, resource));
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('agrees with the reference on single comparisons (where value semantics differ most)', () => {
    // maxDepth 0: fc.oneof then always takes its first option, a comparison or presence leaf.
    const leafFilter = filterArbitrary({ path: poolPath, literal: poolLiteral, maxDepth: 0 });
    fc.assert(
      fc.property(
        leafFilter,
        fc.array(resourceArbitrary, { minLength: 1, maxLength: 8 }),
        (filter, resources) => {
          for (const resource of resources) {
            expect(evaluateFilter(filter, resource)).toBe(referenceEvaluate(filter, resource));
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('finds both outcomes among random cases (the agreement above is not vacuous)', () => {
    const outcomes = new Set<boolean>();
    const samples = fc.sample(
      fc.tuple(filterArbitrary({ path: poolPath, literal: poolLiteral, maxDepth: 2 }), resourceArbitrary),
      { numRuns: 300, seed: 42 },
    );
    for (const [filter, resource] of samples) outcomes.add(evaluateFilter(filter, resource));
    expect([...outcomes].sort()).toStrictEqual([false, true]);
  });
});
