import { describe, expect, it } from 'vitest';
import { computeVersion, fnv1a64, stableStringify } from './compute-version.js';
import { formatETag, ifMatchSatisfied, ifNoneMatchSatisfied, parseETag, parseETagList } from './etag.js';

describe('formatETag', () => {
  it('is weak by default, as in RFC 7644 §3.14', () => {
    expect(formatETag('3694e05e9dff591')).toBe('W/"3694e05e9dff591"');
    expect(formatETag(3)).toBe('W/"3"');
    expect(formatETag('3', false)).toBe('"3"');
  });

  it.each(['a"b', 'a b', '\n'])('refuses %j', (version) => {
    expect(() => formatETag(version)).toThrow(TypeError);
  });
});

describe('parseETagList', () => {
  it.each([
    ['*', '*'],
    [' * ', '*'],
    ['W/"3"', [{ weak: true, tag: '3' }]],
    ['"3"', [{ weak: false, tag: '3' }]],
    [
      'W/"1", "2" ,W/"a,b"',
      [
        { weak: true, tag: '1' },
        { weak: false, tag: '2' },
        { weak: true, tag: 'a,b' },
      ],
    ],
    ['""', [{ weak: false, tag: '' }]],
    ['3', [{ weak: false, tag: '3' }]],
    [
      'W/"1", junk "x, W/"2"',
      [
        { weak: true, tag: '1' },
        { weak: true, tag: '2' },
      ],
    ],
    ['', []],
  ] as const)('%j', (header, expected) => {
    expect(parseETagList(header)).toEqual(expected);
  });

  it('parseETag reads exactly one tag', () => {
    expect(parseETag('W/"x"')).toEqual({ weak: true, tag: 'x' });
    expect(parseETag('"a", "b"')).toBeUndefined();
    expect(parseETag('*')).toBeUndefined();
  });
});

describe('If-Match (RFC 7644 §3.14)', () => {
  it.each([
    [undefined, 'W/"3"', true],
    [undefined, undefined, true],
    ['W/"3"', 'W/"3"', true],
    ['"3"', 'W/"3"', true],
    ['W/"3"', '"3"', true],
    ['W/"2", W/"3"', 'W/"3"', true],
    ['W/"2"', 'W/"3"', false],
    ['*', 'W/"3"', true],
    ['*', undefined, false],
    ['W/"3"', undefined, false],
    ['garbage', 'W/"3"', false],
  ] as const)('If-Match %j against %j -> %j', (header, current, expected) => {
    expect(ifMatchSatisfied(header, current)).toBe(expected);
  });

  it('accepts a parsed current ETag', () => {
    expect(ifMatchSatisfied('W/"3"', { weak: true, tag: '3' })).toBe(true);
  });
});

describe('If-None-Match (RFC 7232 §3.2)', () => {
  it.each([
    [undefined, 'W/"3"', true],
    ['W/"3"', 'W/"3"', false],
    ['"3"', 'W/"3"', false],
    ['W/"2"', 'W/"3"', true],
    ['W/"2", W/"3"', 'W/"3"', false],
    ['*', 'W/"3"', false],
    ['*', undefined, true],
    ['W/"3"', undefined, true],
  ] as const)('If-None-Match %j against %j -> %j', (header, current, expected) => {
    expect(ifNoneMatchSatisfied(header, current)).toBe(expected);
  });
});

describe('computeVersion', () => {
  it('matches FNV-1a 64 reference values', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('ignores key order but not content', () => {
    const a = computeVersion({ userName: 'bjensen', name: { givenName: 'B', familyName: 'J' } });
    const b = computeVersion({ name: { familyName: 'J', givenName: 'B' }, userName: 'bjensen' });
    expect(a).toBe(b);
    expect(computeVersion({ userName: 'bjensen2' })).not.toBe(computeVersion({ userName: 'bjensen' }));
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(formatETag(a)).toBe(`W/"${a}"`);
  });

  it('serialises deterministically, dropping undefined members', () => {
    expect(stableStringify({ b: [1, undefined, 'x'], a: { d: undefined, c: true } })).toBe(
      '{"a":{"c":true},"b":[1,null,"x"]}',
    );
  });
});
