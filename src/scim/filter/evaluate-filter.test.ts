import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import type { JsonObject } from '../resource/attribute-access.js';
import { defineAttribute, type SchemaDefinition } from '../schema/attribute.js';
import { SchemaRegistry, type ResourceSchema } from '../schema/schema-registry.js';
import { compileFilter, evaluateFilter } from './evaluate-filter.js';
import { parseFilter } from './filter-parser.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const userSchema = SchemaRegistry.withCoreSchemas().resourceSchema('User');

const DEVICE_SCHEMA: SchemaDefinition = {
  id: 'urn:example:scim:Device',
  name: 'Device',
  attributes: [
    defineAttribute('serial', { caseExact: true }),
    defineAttribute('label'),
    defineAttribute('ports', { type: 'integer' }),
    defineAttribute('weight', { type: 'decimal' }),
    defineAttribute('managed', { type: 'boolean' }),
    defineAttribute('certificate', { type: 'binary' }),
    defineAttribute('seenAt', { type: 'dateTime' }),
    defineAttribute('note'),
    defineAttribute('tags', { multiValued: true }),
    defineAttribute('nics', {
      type: 'complex',
      multiValued: true,
      subAttributes: [defineAttribute('value', { caseExact: true }), defineAttribute('kind')],
    }),
  ],
};
const deviceSchema: ResourceSchema = new SchemaRegistry({
  schemas: [DEVICE_SCHEMA],
  resourceTypes: [
    { id: 'Device', name: 'Device', endpoint: '/Devices', schema: DEVICE_SCHEMA.id, schemaExtensions: [] },
  ],
}).resourceSchema('Device');

const matches = (filter: string, resource: JsonObject, schema?: ResourceSchema): boolean =>
  compileFilter(parseFilter(filter), schema)(resource);

describe('compileFilter: strings and caseExact', () => {
  const device = { serial: 'AbC-123', label: 'Lab Printer', note: 'Zeta' };

  it('compares case-insensitively without a schema (RFC 7644 §3.4.2.2, caseExact false)', () => {
    expect(matches('serial eq "abc-123"', device)).toBe(true);
    expect(matches('label co "PRINT"', device)).toBe(true);
    expect(matches('label sw "lab"', device)).toBe(true);
    expect(matches('label ew "TER"', device)).toBe(true);
  });

  it('honours caseExact from the attribute definition', () => {
    expect(matches('serial eq "abc-123"', device, deviceSchema)).toBe(false);
    expect(matches('serial eq "AbC-123"', device, deviceSchema)).toBe(true);
    expect(matches('serial co "bC"', device, deviceSchema)).toBe(true);
    expect(matches('serial sw "abc"', device, deviceSchema)).toBe(false);
    expect(matches('label eq "lab printer"', device, deviceSchema)).toBe(true);
    expect(matches('id eq "X1"', { id: 'x1' }, userSchema)).toBe(false);
    expect(matches('userName eq "BJENSEN"', { userName: 'bjensen' }, userSchema)).toBe(true);
  });

  it('orders strings lexicographically, ignoring case unless caseExact', () => {
    expect(matches('note gt "alpha"', device)).toBe(true);
    expect(matches('note lt "ZZ"', device)).toBe(true);
    expect(matches('note ge "zeta"', device)).toBe(true);
    expect(matches('note le "zet"', device)).toBe(false);
    // Code-unit order with caseExact: "Z" (0x5A) sorts before "a" (0x61).
    expect(matches('serial lt "a"', device, deviceSchema)).toBe(true);
    expect(matches('serial gt "a"', { serial: 'b' }, deviceSchema)).toBe(true);
  });

  it('never matches a string literal against a number or boolean', () => {
    expect(matches('ports eq "8"', { ports: 8 })).toBe(false);
    expect(matches('managed eq "true"', { managed: true })).toBe(false);
  });
});

describe('compileFilter: dateTime', () => {
  const user = { meta: { lastModified: '2011-05-13T04:42:34Z' } };

  it('compares dateTime attributes as instants (RFC 7643 §2.3.5)', () => {
    expect(matches('meta.lastModified eq "2011-05-13T06:42:34+02:00"', user, userSchema)).toBe(true);
    expect(matches('meta.lastModified gt "2011-05-13T06:42:33+02:00"', user, userSchema)).toBe(true);
    expect(matches('meta.lastModified lt "2011-05-13T04:42:34.001Z"', user, userSchema)).toBe(true);
    expect(matches('meta.lastModified ne "2011-05-13T04:42:34.000Z"', user, userSchema)).toBe(false);
  });

  it('treats two date-time strings as instants without a schema', () => {
    expect(matches('meta.lastModified eq "2011-05-13T06:42:34+02:00"', user)).toBe(true);
    expect(matches('when ge "2011-05-12T23:59:59-05:00"', { when: '2011-05-13T04:59:59Z' })).toBe(true);
  });

  it('compares a string attribute holding a date-time as a string when the schema says string', () => {
    const device = { note: '2011-05-13T04:42:34Z', seenAt: '2011-05-13T04:42:34Z' };
    expect(matches('note eq "2011-05-13T06:42:34+02:00"', device, deviceSchema)).toBe(false);
    expect(matches('seenAt eq "2011-05-13T06:42:34+02:00"', device, deviceSchema)).toBe(true);
  });

  it('falls back to string comparison when a value is not a date-time', () => {
    expect(matches('seenAt eq "yesterday"', { seenAt: 'Yesterday' }, deviceSchema)).toBe(true);
    expect(matches('seenAt gt "2011-01-01T00:00:00Z"', { seenAt: 'soon' }, deviceSchema)).toBe(true);
  });

  it('uses co/sw/ew on the text of a dateTime', () => {
    expect(matches('meta.lastModified sw "2011-05"', user, userSchema)).toBe(true);
  });
});

describe('compileFilter: numbers and booleans', () => {
  it('compares numbers numerically', () => {
    const device = { ports: 8, weight: 2.5 };
    expect(matches('ports gt 7', device, deviceSchema)).toBe(true);
    expect(matches('ports ge 8 and ports le 8 and ports lt 9', device, deviceSchema)).toBe(true);
    expect(matches('ports eq 8.0', device)).toBe(true);
    expect(matches('weight lt 1e1', device)).toBe(true);
    expect(matches('ports co 8', device)).toBe(false);
    expect(matches('ports eq 8', { ports: '8' })).toBe(false);
  });

  it('compares booleans for equality only', () => {
    expect(matches('managed eq true', { managed: true })).toBe(true);
    expect(matches('managed eq false', { managed: true })).toBe(false);
    expect(matches('managed ne false', { managed: true })).toBe(true);
    expect(matches('managed gt false', { managed: true })).toBe(false);
    expect(matches('active eq true', { active: true }, userSchema)).toBe(true);
  });

  it.each([
    'managed gt true',
    'managed le false',
    'certificate ge "AAAA"',
    'nics.kind pr and managed lt true',
  ])('rejects %s on a boolean or binary attribute with invalidFilter (RFC 7644 §3.4.2.2)', (filter) => {
    const compile = (): unknown => compileFilter(parseFilter(filter), deviceSchema);
    expect(compile).toThrow(ScimError);
    expect(compile).toThrow(/cannot compare the (boolean|binary) attribute/);
    try {
      compile();
    } catch (error) {
      expect((error as ScimError).scimType).toBe('invalidFilter');
    }
  });
});

describe('compileFilter: null', () => {
  it('reads "eq null" as absent and "ne null" as present', () => {
    expect(matches('title eq null', {})).toBe(true);
    expect(matches('title eq null', { title: '' })).toBe(true);
    expect(matches('title eq null', { title: 'x' })).toBe(false);
    expect(matches('title ne null', { title: 'x' })).toBe(true);
    expect(matches('title ne null', { title: null })).toBe(false);
  });

  it('never matches other operators against null', () => {
    expect(matches('title co null or title gt null', { title: 'null' })).toBe(false);
  });
});

describe('compileFilter: multi-valued attributes', () => {
  const user = {
    emails: [
      { value: 'a@work.example', type: 'work' },
      { value: 'a@home.example', type: 'home' },
    ],
    tags: ['red', 'Blue'],
  };

  it('matches when any value matches', () => {
    expect(matches('emails.type eq "home"', user)).toBe(true);
    expect(matches('tags eq "blue"', user)).toBe(true);
    expect(matches('tags sw "gr"', user)).toBe(false);
  });

  it('compares the value sub-attribute of a complex multi-valued attribute (RFC 7644 §3.4.2.2)', () => {
    expect(matches('emails co "home.example"', user)).toBe(true);
    expect(matches('emails eq "A@WORK.EXAMPLE"', user)).toBe(true);
    expect(matches('nics eq "ETH0"', { nics: [{ value: 'eth0' }] }, deviceSchema)).toBe(false);
    expect(matches('nics eq "eth0"', { nics: [{ value: 'eth0' }] }, deviceSchema)).toBe(true);
  });

  it('is true for ne only when no value equals (and when absent)', () => {
    expect(matches('emails.type ne "work"', user)).toBe(false);
    expect(matches('emails.type ne "other"', user)).toBe(true);
    expect(matches('ims.type ne "work"', user)).toBe(true);
  });

  it('evaluates a value filter on one element at a time', () => {
    expect(matches('emails[type eq "work" and value co "home"]', user)).toBe(false);
    expect(matches('emails[type eq "home" and value co "home"]', user)).toBe(true);
    expect(matches('emails[not (type eq "work")]', user)).toBe(true);
    expect(matches('emails[type eq "work"]', { emails: 'not-an-array' })).toBe(false);
  });

  it('applies a value filter to a single complex attribute', () => {
    expect(
      matches('name[givenName eq "barbara" and familyName pr]', {
        name: { givenName: 'Barbara', familyName: 'J' },
      }),
    ).toBe(true);
  });

  it('takes caseExact for value-filter paths from the sub-attribute definition', () => {
    const device = { nics: [{ value: 'ETH0', kind: 'Wired' }] };
    expect(matches('nics[kind eq "wired" and value eq "eth0"]', device, deviceSchema)).toBe(false);
    expect(matches('nics[kind eq "wired" and value eq "ETH0"]', device, deviceSchema)).toBe(true);
  });
});

describe('compileFilter: pr', () => {
  it.each([
    [undefined, false],
    [null, false],
    ['', false],
    [[], false],
    [{}, false],
    [[null, ''], false],
    [[{}], false],
    ['x', true],
    [0, true],
    [false, true],
    [[''], false],
    [['', 'x'], true],
    [{ a: 1 }, true],
  ])('title = %j is present: %s', (value, expected) => {
    expect(matches('title pr', value === undefined ? {} : { title: value })).toBe(expected);
  });

  it('looks at sub-attributes of every element', () => {
    expect(matches('emails.display pr', { emails: [{ value: 'a' }, { display: 'A' }] })).toBe(true);
    expect(matches('emails.display pr', { emails: [{ value: 'a', display: '' }] })).toBe(false);
    expect(matches('name.givenName pr', { name: { givenName: 'B' } })).toBe(true);
  });
});

describe('compileFilter: names and extensions', () => {
  const user = {
    UserName: 'bjensen',
    [ENTERPRISE]: { employeeNumber: '701984', manager: { value: 'MGR-1', displayName: 'John Smith' } },
  };

  it('matches attribute and sub-attribute names case-insensitively (RFC 7643 §2.1)', () => {
    expect(matches('USERNAME eq "bjensen"', user)).toBe(true);
    expect(matches(`${ENTERPRISE.toUpperCase()}:MANAGER.DISPLAYNAME sw "john"`, user)).toBe(true);
  });

  it('reads URN-qualified paths inside the extension object', () => {
    expect(matches(`${ENTERPRISE}:employeeNumber eq "701984"`, user, userSchema)).toBe(true);
    expect(matches(`${ENTERPRISE}:manager.value eq "MGR-1"`, user, userSchema)).toBe(true);
    expect(matches(`${ENTERPRISE}:manager.value eq "MGR-2"`, user, userSchema)).toBe(false);
    expect(matches(`${ENTERPRISE}:manager[value eq "MGR-1"]`, user, userSchema)).toBe(true);
    expect(matches(`${ENTERPRISE}:employeeNumber pr`, { userName: 'x' }, userSchema)).toBe(false);
    expect(matches('urn:example:unknown:Ext:employeeNumber pr', user, userSchema)).toBe(false);
  });

  it('reads the core schema URN prefix as the resource root', () => {
    expect(
      matches('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"', user, userSchema),
    ).toBe(true);
    expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "bjensen"', user)).toBe(true);
  });
});

describe('evaluateFilter', () => {
  it('agrees with compileFilter and recompiles when the schema changes', () => {
    const filter = parseFilter('serial eq "abc"');
    expect(evaluateFilter(filter, { serial: 'ABC' })).toBe(true);
    expect(evaluateFilter(filter, { serial: 'ABC' }, deviceSchema)).toBe(false);
    expect(evaluateFilter(filter, { serial: 'abc' }, deviceSchema)).toBe(true);
    expect(evaluateFilter(parseFilter('serial eq "x"'), { serial: 'ABC' })).toBe(false);
  });
});
