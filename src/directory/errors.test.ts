import { describe, expect, it } from 'vitest';
import {
  DIRECTORY_ERROR_CODES,
  DirectoryError,
  directoryError,
  isDirectoryError,
  type DirectoryErrorCode,
} from './errors.js';

describe('the SCIMSYNC_ERR_DIRECTORY_* registry', () => {
  const codes = Object.keys(DIRECTORY_ERROR_CODES) as DirectoryErrorCode[];

  it('has well-formed codes whose templates fill completely', () => {
    for (const code of codes) {
      expect(code).toMatch(/^SCIMSYNC_ERR_DIRECTORY_[A-Z0-9_]+$/);
      const names = [...DIRECTORY_ERROR_CODES[code].template.matchAll(/\{(\w+)\}/g)].map(
        (m) => m[1] as string,
      );
      const error = new DirectoryError(code, Object.fromEntries(names.map((n) => [n, 'v'])));
      expect(error.message, code).not.toMatch(/\{\w+\}/);
    }
  });

  it('keeps code, status, params and cause', () => {
    const cause = new Error('store');
    const error = directoryError(
      'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE',
      { objectType: 'user', attribute: 'shoeSize' },
      { cause },
    );
    expect(error.message).toBe('user has no attribute "shoeSize"');
    expect(error).toMatchObject({
      status: 400,
      code: 'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE',
      params: { attribute: 'shoeSize' },
      cause,
    });
    expect(isDirectoryError(error, 'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE')).toBe(true);
    expect(isDirectoryError(error, 'SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN')).toBe(false);
    expect(isDirectoryError(new Error('x'))).toBe(false);
  });
});
