import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffValues, type ValueChange } from './diff-values.js';
import type { FlatValues, JsonValue } from './mapping-types.js';

const PATHS = [
  'userName',
  'active',
  'title',
  'name.givenName',
  'emails[type eq "work"].value',
  'urn:x:manager',
];
const value: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>;
// Small alphabets make equal and nearly equal values common.
const smallValue: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.constantFrom<JsonValue>(
    'a',
    'A',
    'b',
    true,
    false,
    1,
    { value: '1' },
    { value: 'A' },
    ['a', 'b'],
    ['b', 'a'],
  ),
  value,
);
const flat: fc.Arbitrary<FlatValues> = fc.dictionary(fc.constantFrom(...PATHS), smallValue, {
  maxKeys: PATHS.length,
});
const RUNS = { numRuns: 500 };
/** As sent on the wire: -0 and 0 are the same JSON number. */
const wire = (values: FlatValues): unknown => JSON.parse(JSON.stringify(values));

function apply(previous: FlatValues, changes: readonly ValueChange[]): Record<string, JsonValue> {
  const next: Record<string, JsonValue> = { ...previous };
  for (const change of changes) {
    if (change.op === 'remove') delete next[change.path];
    else next[change.path] = change.value!;
  }
  return next;
}

describe('diffValues laws', () => {
  it('applying the changes to previous yields desired (removeMissing)', () => {
    fc.assert(
      fc.property(flat, flat, (previous, desired) => {
        expect(wire(apply(previous, diffValues(previous, desired, { removeMissing: true })))).toEqual(
          wire(desired),
        );
      }),
      RUNS,
    );
  });

  it('without removeMissing, desired wins and the other known paths stay', () => {
    fc.assert(
      fc.property(flat, flat, (previous, desired) => {
        const changes = diffValues(previous, desired);
        expect(changes.every((c) => c.op === 'replace')).toBe(true);
        expect(wire(apply(previous, changes))).toEqual(wire({ ...previous, ...desired }));
      }),
      RUNS,
    );
  });

  it('produces nothing when previous equals desired, and touches each path at most once', () => {
    fc.assert(
      fc.property(flat, flat, (previous, desired) => {
        expect(diffValues(desired, structuredClone(desired), { removeMissing: true })).toEqual([]);
        const paths = diffValues(previous, desired, { removeMissing: true }).map((c) => c.path);
        expect(new Set(paths).size).toBe(paths.length);
      }),
      RUNS,
    );
  });
});
