import { describe, expect, it } from 'vitest';
import { parseFilter } from '../../scim/index.js';
import { filterShape, withLiterals } from './filter-shape.js';

describe('filterShape', () => {
  it('takes string literals out in order and puts others back', () => {
    const filter = parseFilter(
      'userName eq "a" and (emails[type eq "work" and value co "b"] or not (active eq true))',
    );
    const shape = filterShape(filter);
    expect(shape.literals).toEqual(['a', 'work', 'b']);
    const other = withLiterals(filter, ['x', 'home', 'y']);
    expect(filterShape(other)).toEqual({ key: shape.key, literals: ['x', 'home', 'y'] });
    expect(filterShape(parseFilter('userName eq "a"')).key).not.toBe(
      filterShape(parseFilter('userName ne "a"')).key,
    );
    expect(filterShape(parseFilter('active eq true')).key).not.toBe(
      filterShape(parseFilter('active eq false')).key,
    );
  });

  it('tells dateTime literals from other strings', () => {
    const date = filterShape(parseFilter('meta.lastModified gt "2024-01-01T00:00:00Z"'));
    const text = filterShape(parseFilter('meta.lastModified gt "soon"'));
    expect(date.key).not.toBe(text.key);
  });
});
