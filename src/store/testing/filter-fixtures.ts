import fc from 'fast-check';
import {
  COMPARISON_OPERATORS,
  defineAttribute,
  ENTERPRISE_USER_SCHEMA_ID,
  SchemaRegistry,
  type AttributePath,
  type Filter,
  type FilterLiteral,
  type JsonObject,
  type SchemaDefinition,
} from '../../scim/index.js';

/** An extension with every attribute type, so random filters reach numbers, dates and case-exact strings. */
export const TEST_EXTENSION_ID = 'urn:example:params:scim:schemas:extension:test:2.0:User';

export const TEST_EXTENSION: SchemaDefinition = Object.freeze({
  id: TEST_EXTENSION_ID,
  name: 'TestExtension',
  attributes: [
    defineAttribute('level', { type: 'integer' }),
    defineAttribute('score', { type: 'decimal' }),
    defineAttribute('hiredAt', { type: 'dateTime' }),
    defineAttribute('flag', { type: 'boolean' }),
    defineAttribute('code', { caseExact: true }),
    defineAttribute('tags', { multiValued: true }),
    defineAttribute('badges', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        defineAttribute('value'),
        defineAttribute('type'),
        defineAttribute('since', { type: 'dateTime' }),
        defineAttribute('primary', { type: 'boolean' }),
      ],
    }),
  ],
});

export function testRegistry(): SchemaRegistry {
  return SchemaRegistry.withCoreSchemas()
    .addSchema(TEST_EXTENSION)
    .extendResourceType('User', TEST_EXTENSION_ID);
}

// Few values, so that random filters often hit random data; LIKE/GLOB specials on purpose.
export const WORDS = [
  'work',
  'Work',
  'WORK',
  'home',
  'w',
  'ork',
  '',
  'a%b',
  'a_b',
  'x\\y',
  'a*b',
  'q?',
  '[z]',
  'É',
  'é',
  'bjensen@example.com',
  'BJensen@Example.COM',
];
export const DATES = [
  '2011-05-13T04:42:34Z',
  '2011-05-13T06:42:34+02:00',
  '2011-05-13T04:42:35.5Z',
  '2012-01-01T00:00:00.000Z',
  '2024-01-02T03:04:05.678Z',
];
export const NUMBERS = [0, 1, -1, 2.5, 3];

const word = fc.constantFrom(...WORDS);
const opt = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

function compact(object: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const email = fc
  .record({
    value: opt(word),
    type: opt(fc.constantFrom('work', 'Work', 'home', 'other')),
    primary: opt(fc.boolean()),
  })
  .map(compact);
const badge = fc
  .record({
    value: opt(word),
    type: opt(fc.constantFrom('gold', 'Gold', 'silver')),
    since: opt(fc.constantFrom(...DATES)),
    primary: opt(fc.boolean()),
  })
  .map(compact);

/** A user's data (without id and meta); `userName` is made unique by the caller. */
export const userData: fc.Arbitrary<JsonObject> = fc
  .record({
    userName: word,
    displayName: opt(word),
    title: opt(word),
    active: opt(fc.boolean()),
    externalId: opt(word),
    name: opt(fc.record({ givenName: opt(word), familyName: opt(word) }).map(compact)),
    emails: opt(fc.array(email, { maxLength: 3 })),
    enterprise: opt(
      fc
        .record({
          employeeNumber: opt(word),
          costCenter: opt(word),
          manager: opt(fc.record({ value: opt(word) }).map(compact)),
        })
        .map(compact),
    ),
    test: opt(
      fc
        .record({
          level: opt(fc.constantFrom(...NUMBERS.filter(Number.isInteger))),
          score: opt(fc.constantFrom(...NUMBERS)),
          hiredAt: opt(fc.constantFrom(...DATES)),
          flag: opt(fc.boolean()),
          code: opt(word),
          tags: opt(fc.array(word, { maxLength: 3 })),
          badges: opt(fc.array(badge, { maxLength: 3 })),
        })
        .map(compact),
    ),
  })
  .map(({ enterprise, test, ...core }) =>
    compact({ ...core, [ENTERPRISE_USER_SCHEMA_ID]: enterprise, [TEST_EXTENSION_ID]: test }),
  );

const PATHS: readonly (readonly [string | undefined, string, string | undefined])[] = [
  [undefined, 'userName', undefined],
  [undefined, 'displayName', undefined],
  [undefined, 'title', undefined],
  [undefined, 'active', undefined],
  [undefined, 'externalId', undefined],
  [undefined, 'id', undefined],
  [undefined, 'name', 'givenName'],
  [undefined, 'name', 'familyName'],
  [undefined, 'name', undefined],
  [undefined, 'emails', undefined],
  [undefined, 'emails', 'value'],
  [undefined, 'emails', 'type'],
  [undefined, 'emails', 'primary'],
  [undefined, 'meta', 'created'],
  [undefined, 'meta', 'lastModified'],
  [undefined, 'meta', 'resourceType'],
  [undefined, 'nickName', undefined],
  [undefined, 'unknownThing', undefined],
  ['urn:ietf:params:scim:schemas:core:2.0:User', 'userName', undefined],
  [ENTERPRISE_USER_SCHEMA_ID, 'employeeNumber', undefined],
  [ENTERPRISE_USER_SCHEMA_ID, 'manager', 'value'],
  [ENTERPRISE_USER_SCHEMA_ID, 'manager', undefined],
  [TEST_EXTENSION_ID, 'level', undefined],
  [TEST_EXTENSION_ID, 'score', undefined],
  [TEST_EXTENSION_ID, 'hiredAt', undefined],
  [TEST_EXTENSION_ID, 'flag', undefined],
  [TEST_EXTENSION_ID, 'code', undefined],
  [TEST_EXTENSION_ID, 'tags', undefined],
  [TEST_EXTENSION_ID, 'badges', 'value'],
  [TEST_EXTENSION_ID, 'badges', 'since'],
  [TEST_EXTENSION_ID, 'badges', undefined],
  ['urn:example:unknown', 'level', undefined],
];
const SUB_NAMES = ['value', 'type', 'primary', 'since', 'display', 'givenName'];

const randomCase = (name: string): fc.Arbitrary<string> =>
  fc.constantFrom(name, name.toLowerCase(), name.toUpperCase());

function toPath([schema, attribute, subAttribute]: readonly [
  string | undefined,
  string,
  string | undefined,
]): AttributePath {
  return {
    ...(schema === undefined ? {} : { schema }),
    attribute,
    ...(subAttribute === undefined ? {} : { subAttribute }),
  };
}

const topPath: fc.Arbitrary<AttributePath> = fc
  .constantFrom(...PATHS)
  .chain(([schema, attribute, sub]) =>
    fc
      .tuple(randomCase(attribute), sub === undefined ? fc.constant(undefined) : randomCase(sub))
      .map(([a, s]) => toPath([schema, a, s])),
  );
const valuePathParent = fc.constantFrom(
  toPath([undefined, 'emails', undefined]),
  toPath([undefined, 'name', undefined]),
  toPath([TEST_EXTENSION_ID, 'badges', undefined]),
  toPath([ENTERPRISE_USER_SCHEMA_ID, 'manager', undefined]),
);
const innerPath: fc.Arbitrary<AttributePath> = fc
  .constantFrom(...SUB_NAMES)
  .chain(randomCase)
  .map((attribute) => ({ attribute }));

export const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  { weight: 4, arbitrary: word },
  { weight: 2, arbitrary: fc.constantFrom(...DATES) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('u1', 'User', '2011', '05-13') },
);

const plain = (arbitrary: fc.Arbitrary<Filter>): fc.Arbitrary<Filter> =>
  arbitrary.map((value) => ({ ...value }));

function leaf(path: fc.Arbitrary<AttributePath>): fc.Arbitrary<Filter> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: plain(
        fc.record({
          kind: fc.constant('comparison' as const),
          path,
          operator: fc.constantFrom(...COMPARISON_OPERATORS),
          value: literal,
        }),
      ),
    },
    { weight: 1, arbitrary: plain(fc.record({ kind: fc.constant('present' as const), path })) },
  );
}

function tree(path: fc.Arbitrary<AttributePath>, allowValuePath: boolean, id: string): fc.Arbitrary<Filter> {
  return fc.letrec<{ node: Filter }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: id, withCrossShrink: true },
      leaf(path),
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
                path: valuePathParent,
                filter: tree(innerPath, false, `${id}-inner`),
              }),
            ),
          ]
        : []),
    ),
  })).node;
}

/** Random filters over the attributes {@link userData} fills (and a few it never does). */
export const userFilter: fc.Arbitrary<Filter> = tree(topPath, true, 'filter');

/** Sortable paths of {@link userData}. */
export const userSortPath: fc.Arbitrary<AttributePath> = fc.constantFrom(
  ...PATHS.filter(
    ([schema, attribute, sub]) =>
      schema !== 'urn:example:unknown' &&
      !['unknownThing', 'meta'].includes(attribute) &&
      !(sub === undefined && (attribute === 'name' || attribute === 'manager')),
  ).map(toPath),
);
