import { describe, expect, it } from 'vitest';
import { defineAttribute } from '../schema/attribute.js';
import { SchemaRegistry } from '../schema/schema-registry.js';
import type { JsonObject } from '../resource/attribute-access.js';
import { compareForSort, sortResources, type SortOrder } from './sort.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const EXT = 'urn:example:params:scim:schemas:extension:typed:2.0:User';

function schema() {
  const registry = SchemaRegistry.withCoreSchemas();
  registry.addSchema({
    id: EXT,
    name: 'Typed',
    attributes: [
      defineAttribute('level', { type: 'integer' }),
      defineAttribute('score', { type: 'decimal' }),
      defineAttribute('hired', { type: 'dateTime' }),
      defineAttribute('badge', { caseExact: true }),
      defineAttribute('vip', { type: 'boolean' }),
      defineAttribute('tags', { multiValued: true }),
    ],
  });
  registry.extendResourceType('User', EXT);
  return registry.resourceSchema('User');
}

const ids = (resources: readonly JsonObject[]) => resources.map((r) => r['id']);

interface SortCase {
  readonly name: string;
  readonly sortBy: string;
  readonly order: SortOrder;
  readonly resources: readonly JsonObject[];
  readonly expected: readonly string[];
}

const ext = (id: string, values: JsonObject): JsonObject => ({ id, [EXT]: values });

const CASES: readonly SortCase[] = [
  {
    name: 'case-insensitive string, ascending',
    sortBy: 'userName',
    order: 'ascending',
    resources: [
      { id: '1', userName: 'bob' },
      { id: '2', userName: 'Alice' },
      { id: '3', userName: 'carol' },
    ],
    expected: ['2', '1', '3'],
  },
  {
    name: 'missing values last when ascending (§3.4.2.3)',
    sortBy: 'displayName',
    order: 'ascending',
    resources: [
      { id: '1' },
      { id: '2', displayName: 'b' },
      { id: '3', displayName: null },
      { id: '4', displayName: 'a' },
    ],
    expected: ['4', '2', '1', '3'],
  },
  {
    name: 'missing values first when descending (§3.4.2.3)',
    sortBy: 'displayName',
    order: 'descending',
    resources: [{ id: '1' }, { id: '2', displayName: 'b' }, { id: '3' }, { id: '4', displayName: 'a' }],
    expected: ['1', '3', '2', '4'],
  },
  {
    name: 'caseExact strings in code-point order',
    sortBy: `${EXT}:badge`,
    order: 'ascending',
    resources: [ext('1', { badge: 'b' }), ext('2', { badge: 'B' }), ext('3', { badge: 'a' })],
    expected: ['2', '3', '1'],
  },
  {
    name: 'integers numerically, not as text',
    sortBy: `${EXT}:level`,
    order: 'ascending',
    resources: [ext('1', { level: 10 }), ext('2', { level: 9 }), ext('3', { level: -1 })],
    expected: ['3', '2', '1'],
  },
  {
    name: 'decimals descending',
    sortBy: `${EXT}:score`,
    order: 'descending',
    resources: [ext('1', { score: 1.5 }), ext('2', { score: 10.25 }), ext('3', { score: 2 })],
    expected: ['2', '3', '1'],
  },
  {
    name: 'dateTimes as instants across offsets',
    sortBy: `${EXT}:hired`,
    order: 'ascending',
    resources: [
      ext('1', { hired: '2020-01-01T10:00:00Z' }),
      ext('2', { hired: '2020-01-01T11:00:00+02:00' }),
      ext('3', { hired: 'not a date' }),
    ],
    expected: ['2', '1', '3'],
  },
  {
    name: 'booleans false before true',
    sortBy: `${EXT}:vip`,
    order: 'ascending',
    resources: [ext('1', { vip: true }), ext('2', { vip: false })],
    expected: ['2', '1'],
  },
  {
    name: 'multi-valued: the primary value, else the first',
    sortBy: 'emails.value',
    order: 'ascending',
    resources: [
      { id: '1', emails: [{ value: 'a@x' }, { value: 'z@x', primary: true }] },
      { id: '2', emails: [{ value: 'm@x' }, { value: 'b@x' }] },
      { id: '3', emails: [] },
    ],
    expected: ['2', '1', '3'],
  },
  {
    name: 'a multi-valued complex attribute alone sorts by its value',
    sortBy: 'emails',
    order: 'descending',
    resources: [
      { id: '1', emails: [{ value: 'a@x' }] },
      { id: '2', emails: [{ value: 'b@x', primary: true }] },
    ],
    expected: ['2', '1'],
  },
  {
    name: 'multi-valued simple attribute: the first value',
    sortBy: `${EXT}:tags`,
    order: 'ascending',
    resources: [ext('1', { tags: ['z', 'a'] }), ext('2', { tags: ['m'] })],
    expected: ['2', '1'],
  },
  {
    name: 'sub-attribute of a single complex, names case-insensitive',
    sortBy: 'NAME.FamilyName',
    order: 'ascending',
    resources: [
      { id: '1', Name: { FAMILYNAME: 'Smith' } },
      { id: '2', name: { familyName: 'jensen' } },
    ],
    expected: ['2', '1'],
  },
  {
    name: 'extension attribute through its URN; equal keys keep their order',
    sortBy: `${ENTERPRISE}:department`,
    order: 'ascending',
    resources: [
      { id: '1', [ENTERPRISE]: { department: 'Sales' } },
      { id: '2', [ENTERPRISE]: { department: 'IT' } },
      { id: '3', [ENTERPRISE]: { department: 'sales' } },
    ],
    expected: ['2', '1', '3'],
  },
  {
    name: 'meta.lastModified',
    sortBy: 'meta.lastModified',
    order: 'descending',
    resources: [
      { id: '1', meta: { lastModified: '2011-05-13T04:42:34Z' } },
      { id: '2', meta: { lastModified: '2012-05-13T04:42:34Z' } },
    ],
    expected: ['2', '1'],
  },
];

describe('sorting (RFC 7644 §3.4.2.3)', () => {
  it.each(CASES)('$name', ({ sortBy, order, resources, expected }) => {
    const s = schema();
    expect(ids(sortResources(resources, s, sortBy, order))).toEqual(expected);
    expect(ids([...resources].sort(compareForSort(s, sortBy, order)))).toEqual(expected);
  });

  it('defaults to ascending', () => {
    const s = schema();
    const sorted = sortResources(
      [
        { id: '1', userName: 'b' },
        { id: '2', userName: 'a' },
      ],
      s,
      'userName',
    );
    expect(ids(sorted)).toEqual(['2', '1']);
  });

  it.each([['shoeSize'], ['name'], ['userName.x'], ['a b']])(
    'rejects sortBy %j with invalidPath',
    (sortBy) => {
      expect(() => compareForSort(schema(), sortBy)).toThrow(
        expect.objectContaining({ scimType: 'invalidPath' }),
      );
    },
  );
});
