import { describe, expect, it } from 'vitest';
import { ScimError } from '../../scim/index.js';
import { parseScimJson } from './scim-request-context.js';

describe('parseScimJson', () => {
  it('parses SCIM bodies, empty bodies as undefined', () => {
    expect(parseScimJson('{"userName":"bjensen","emails":[{"value":"b@example.com"}]}')).toEqual({
      userName: 'bjensen',
      emails: [{ value: 'b@example.com' }],
    });
    expect(parseScimJson('  ')).toBeUndefined();
    expect(parseScimJson('{"displayName":"Zoë \\u00e9"}')).toEqual({ displayName: 'Zoë é' });
  });

  it.each([
    ['spelled out', '{"userName":"x","__proto__":{"polluted":true},"name":{"__proto__":{"polluted":true}}}'],
    [
      'escaped',
      '{"userName":"x","\\u005f_proto__":{"polluted":true},"name":{"__pr\\u006fto__":{"polluted":true}}}',
    ],
  ])('drops "__proto__" members (%s) at every depth', (_how, text) => {
    const parsed = parseScimJson(text) as Record<string, unknown> & { name: Record<string, unknown> };
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(false);
    expect(Object.hasOwn(parsed.name, '__proto__')).toBe(false);
    expect({ ...parsed }).not.toHaveProperty('polluted');
    expect(parsed['userName']).toBe('x');
  });

  it('answers invalidSyntax for text that is not JSON', () => {
    const error = (() => {
      try {
        parseScimJson('{"userName":');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: 'invalidSyntax' });
  });
});
