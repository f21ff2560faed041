import { describe, expect, it } from 'vitest';
import { buildRelativePath, resourcePath } from './request-path.js';

describe('buildRelativePath', () => {
  it('percent-encodes filters with spaces, quotes and reserved characters (%20, never +)', () => {
    expect(buildRelativePath('/Users', { filter: 'userName eq "a+b@x.com"' })).toBe(
      '/Users?filter=userName%20eq%20%22a%2Bb%40x.com%22',
    );
    expect(buildRelativePath('/Users', { filter: 'emails[type eq "work"].value eq "x&y=z"' })).toBe(
      '/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22x%26y%3Dz%22',
    );
  });

  it('leaves out undefined values, keeps numbers, adds a leading slash and appends to an existing query', () => {
    expect(buildRelativePath('Groups', { startIndex: 1, count: 100, filter: undefined })).toBe(
      '/Groups?startIndex=1&count=100',
    );
    expect(buildRelativePath('/Users?count=1', { startIndex: 3 })).toBe('/Users?count=1&startIndex=3');
    expect(buildRelativePath('/Users', {})).toBe('/Users');
  });
});

describe('resourcePath', () => {
  it('keeps an opaque id in one path segment', () => {
    expect(resourcePath('Users', 'a/b?c#d e')).toBe('/Users/a%2Fb%3Fc%23d%20e');
  });
});
