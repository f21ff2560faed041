import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCIM_TYPE_STATUS, SCIM_TYPES } from './scim-error.js';

const doc = readFileSync(new URL('../../../docs/reference/scim-errors.md', import.meta.url), 'utf8');

describe('docs/reference/scim-errors.md', () => {
  it('documents every scimType with the status the code enforces', () => {
    const rows = new Map([...doc.matchAll(/^\| `(\w+)` +\| (\d{3}) +\|/gm)].map((m) => [m[1], Number(m[2])]));
    expect([...rows.keys()].sort()).toEqual([...SCIM_TYPES].sort());
    for (const scimType of SCIM_TYPES) expect(rows.get(scimType), scimType).toBe(SCIM_TYPE_STATUS[scimType]);
  });
});
