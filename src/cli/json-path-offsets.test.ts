import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPathOffsets, locatePath } from './json-path-offsets.js';

describe('jsonPathOffsets', () => {
  const text =
    '{\n  "users": {\n    "attributes": [\n      { "target": "userName" },\n      { "target": "x", "expression": "Bad(" }\n    ]\n  }\n}';

  it('finds values by path, and the nearest parent for absent ones', () => {
    const offsets = jsonPathOffsets(text);
    expect(
      text.slice(
        offsets.get('users.attributes[1].expression'),
        offsets.get('users.attributes[1].expression')! + 6,
      ),
    ).toBe('"Bad("');
    expect(text.slice(offsets.get('users.attributes[0]'))).toMatch(/^\{ "target": "userName"/);
    expect(locatePath(offsets, 'users.attributes[1].source')).toBe(offsets.get('users.attributes[1]'));
    expect(locatePath(offsets, 'groups.enabled')).toBe(offsets.get(''));
  });

  it('points at the JSON of every value of random documents', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (doc) => {
        const json = JSON.stringify(doc);
        const offsets = jsonPathOffsets(json);
        const walk = (value: unknown, path: string): void => {
          const at = offsets.get(path);
          expect(at).toBeDefined();
          expect(JSON.parse(JSON.stringify(value))).toEqual(
            JSON.parse(json.slice(at, at! + JSON.stringify(value).length)),
          );
          if (Array.isArray(value)) value.forEach((v, k) => walk(v, `${path}[${k}]`));
          else if (value !== null && typeof value === 'object') {
            for (const [k, v] of Object.entries(value))
              if (k !== '' && !k.includes('.') && !k.includes('[')) walk(v, path === '' ? k : `${path}.${k}`);
          }
        };
        walk(doc, '');
      }),
      { numRuns: 200 },
    );
  });
});
