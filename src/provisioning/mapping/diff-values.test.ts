import { describe, expect, it } from 'vitest';
import { diffValues, jsonEqual } from './diff-values.js';
import type { FlatValues } from './mapping-types.js';

const MANAGER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager';

describe('diffValues', () => {
  it.each<[string, FlatValues | undefined, FlatValues, ReturnType<typeof diffValues>]>([
    [
      'nothing known: every desired path is written',
      undefined,
      { userName: 'a', active: true },
      [
        { op: 'replace', path: 'userName', value: 'a' },
        { op: 'replace', path: 'active', value: true },
      ],
    ],
    ['equal values: nothing to do', { userName: 'a', active: true }, { active: true, userName: 'a' }, []],
    [
      'a changed value',
      { title: 'Dev' },
      { title: 'Lead' },
      [{ op: 'replace', path: 'title', value: 'Lead' }],
    ],
    [
      'a change of case counts',
      { userName: 'ann@x.org' },
      { userName: 'Ann@x.org' },
      [{ op: 'replace', path: 'userName', value: 'Ann@x.org' }],
    ],
    [
      'a new path',
      { userName: 'a' },
      { userName: 'a', title: 'Dev' },
      [{ op: 'replace', path: 'title', value: 'Dev' }],
    ],
    ['a type change', { active: 'True' }, { active: true }, [{ op: 'replace', path: 'active', value: true }]],
    [
      'objects compared deeply, member order aside',
      { [MANAGER]: { value: '1', x: [1, 2] } },
      { [MANAGER]: { x: [1, 2], value: '1' } },
      [],
    ],
    [
      'a changed reference',
      { [MANAGER]: { value: '1' } },
      { [MANAGER]: { value: '2' } },
      [{ op: 'replace', path: MANAGER, value: { value: '2' } }],
    ],
    [
      'array order counts',
      { roles: ['a', 'b'] },
      { roles: ['b', 'a'] },
      [{ op: 'replace', path: 'roles', value: ['b', 'a'] }],
    ],
    ['missing paths are left alone by default', { title: 'Dev', userName: 'a' }, { userName: 'a' }, []],
  ])('%s', (_name, previous, desired, expected) => {
    expect(diffValues(previous, desired)).toEqual(expected);
  });

  it('removes missing paths after the replaces when asked', () => {
    expect(
      diffValues(
        { title: 'Dev', userName: 'a', 'name.givenName': 'Ann' },
        { userName: 'b' },
        { removeMissing: true },
      ),
    ).toEqual([
      { op: 'replace', path: 'userName', value: 'b' },
      { op: 'remove', path: 'title' },
      { op: 'remove', path: 'name.givenName' },
    ]);
  });
});

describe('jsonEqual', () => {
  it.each([
    [null, null, true],
    [1, 1, true],
    [1, '1', false],
    [[], {}, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: null }, {}, false],
    [[{ a: [1] }], [{ a: [1] }], true],
  ] as const)('%j vs %j is %s', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected);
    expect(jsonEqual(b, a)).toBe(expected);
  });
});
