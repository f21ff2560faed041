import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_ERROR_CODES } from '../directory/index.js';
import { PROVISIONING_ERROR_CODES } from '../provisioning/index.js';
import { ERROR_CODES, isScimsyncError, ScimsyncError, scimsyncError, type ErrorCode } from './errors.js';

const doc = readFileSync(new URL('../../docs/reference/errors.md', import.meta.url), 'utf8');

describe('the SCIMSYNC_ERR_* registry', () => {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  it('has unique, well-formed codes', () => {
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^SCIMSYNC_ERR_[A-Z0-9_]+$/);
  });

  it('is documented in docs/reference/errors.md with the same statuses (with the directory and provisioning registries)', () => {
    const rows = new Map(
      [...doc.matchAll(/^\| `(SCIMSYNC_ERR_\w+)` +\| (\d{3}) +\|/gm)].map((m) => [m[1], Number(m[2])]),
    );
    const all = new Map<string, number>([
      ...codes.map((code) => [code, ERROR_CODES[code].status] as const),
      ...Object.entries(DIRECTORY_ERROR_CODES).map(([code, d]) => [code, d.status] as const),
      ...Object.entries(PROVISIONING_ERROR_CODES).map(([code, d]) => [code, d.status] as const),
    ]);
    expect([...rows.keys()].sort()).toEqual([...all.keys()].sort());
    for (const [code, status] of all) expect(rows.get(code), code).toBe(status);
  });

  it('fills message templates and keeps code, status and cause', () => {
    const cause = new Error('driver');
    const error = scimsyncError('SCIMSYNC_ERR_TENANT_NOT_FOUND', { tenantId: 't-1' }, { cause });
    expect(error).toBeInstanceOf(ScimsyncError);
    expect(error.message).toBe('tenant t-1 not found');
    expect(error.status).toBe(404);
    expect(error.code).toBe('SCIMSYNC_ERR_TENANT_NOT_FOUND');
    expect(error.cause).toBe(cause);
    expect(isScimsyncError(error, 'SCIMSYNC_ERR_TENANT_NOT_FOUND')).toBe(true);
    expect(isScimsyncError(error, 'SCIMSYNC_ERR_INTERNAL')).toBe(false);
    expect(isScimsyncError(new Error('x'))).toBe(false);
  });

  it('leaves no placeholder unfilled in any template when given its parameters', () => {
    for (const code of codes) {
      const names = [...ERROR_CODES[code].template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const error = new ScimsyncError(code, Object.fromEntries(names.map((n) => [n, 'v'])));
      expect(error.message, code).not.toMatch(/\{\w+\}/);
    }
  });
});
