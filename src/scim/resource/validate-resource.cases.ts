import type { IssueCode } from './issues.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface InvalidCase {
  readonly name: string;
  readonly input: unknown;
  /** `[code, path]` of every issue, in order. */
  readonly issues: readonly (readonly [IssueCode, string])[];
  readonly enforceCanonicalValues?: boolean;
}

const base = { schemas: [USER], userName: 'bjensen' };

export const INVALID_CASES: readonly InvalidCase[] = [
  { name: 'body is not an object', input: [base], issues: [['invalid_body', '']] },
  { name: 'body is null', input: null, issues: [['invalid_body', '']] },
  { name: 'userName missing', input: { schemas: [USER] }, issues: [['required', 'userName']] },
  { name: 'userName null', input: { schemas: [USER], userName: null }, issues: [['required', 'userName']] },
  { name: 'userName empty', input: { schemas: [USER], userName: '' }, issues: [['required', 'userName']] },
  {
    name: 'userName a number',
    input: { schemas: [USER], userName: 7 },
    issues: [['invalid_type', 'userName']],
  },
  { name: 'schemas missing', input: { userName: 'x' }, issues: [['missing_schema', 'schemas']] },
  {
    name: 'schemas not an array',
    input: { schemas: USER, userName: 'x' },
    issues: [['invalid_type', 'schemas']],
  },
  {
    name: 'schemas lacks the core URN',
    input: { schemas: [ENTERPRISE], userName: 'x' },
    issues: [['missing_schema', 'schemas']],
  },
  {
    name: 'unknown URN in schemas',
    input: { schemas: [USER, 'urn:example:nope'], userName: 'x' },
    issues: [['unknown_schema', 'schemas']],
  },
  {
    name: 'unknown extension object',
    input: { ...base, 'urn:example:ext:2.0:User': { a: 1 } },
    issues: [['unknown_schema', 'urn:example:ext:2.0:User']],
  },
  {
    name: 'extension present but not listed',
    input: { ...base, [ENTERPRISE]: { employeeNumber: '1' } },
    issues: [['missing_schema', 'schemas']],
  },
  {
    name: 'unknown top-level attribute',
    input: { ...base, shoeSize: 42 },
    issues: [['unknown_attribute', 'shoeSize']],
  },
  {
    name: 'unknown sub-attribute',
    input: { ...base, name: { givenName: 'B', nick: 'x' } },
    issues: [['unknown_attribute', 'name.nick']],
  },
  {
    name: 'unknown sub-attribute in a multi-valued item',
    input: { ...base, emails: [{ value: 'a@b' }, { value: 'c@d', label: 'x' }] },
    issues: [['unknown_attribute', 'emails[1].label']],
  },
  {
    name: 'unknown extension attribute',
    input: { schemas: [USER, ENTERPRISE], userName: 'x', [ENTERPRISE]: { badge: '1' } },
    issues: [['unknown_attribute', `${ENTERPRISE}:badge`]],
  },
  {
    name: 'same attribute under two casings',
    input: { ...base, displayName: 'a', DISPLAYNAME: 'b' },
    issues: [['duplicate_attribute', 'displayName']],
  },
  { name: 'boolean as a number', input: { ...base, active: 1 }, issues: [['invalid_type', 'active']] },
  { name: 'boolean as other text', input: { ...base, active: 'yes' }, issues: [['invalid_type', 'active']] },
  { name: 'complex given a string', input: { ...base, name: 'Barbara' }, issues: [['invalid_type', 'name']] },
  {
    name: 'multi-valued given an object',
    input: { ...base, emails: { value: 'a@b' } },
    issues: [['invalid_type', 'emails']],
  },
  {
    name: 'single-valued given an array',
    input: { ...base, displayName: ['a'] },
    issues: [['invalid_type', 'displayName']],
  },
  {
    name: 'multi-valued item of the wrong type',
    input: { ...base, emails: [{ value: 'a@b' }, 'c@d'] },
    issues: [['invalid_type', 'emails[1]']],
  },
  {
    name: 'reference given a number',
    input: { ...base, profileUrl: 5 },
    issues: [['invalid_type', 'profileUrl']],
  },
  {
    name: 'binary that is not base64',
    input: { ...base, x509Certificates: [{ value: 'not base64!' }] },
    issues: [['invalid_format', 'x509Certificates[0].value']],
  },
  {
    name: 'two primary values',
    input: {
      ...base,
      emails: [
        { value: 'a@b', primary: true },
        { value: 'c@d', primary: 'True' },
      ],
    },
    issues: [['multiple_primary', 'emails']],
  },
  {
    name: 'extension value of the wrong type',
    input: { schemas: [USER, ENTERPRISE], userName: 'x', [ENTERPRISE]: 'boss' },
    issues: [['invalid_type', ENTERPRISE]],
  },
  {
    name: 'extension complex of the wrong type',
    input: { schemas: [USER, ENTERPRISE], userName: 'x', [ENTERPRISE]: { manager: ['m'] } },
    issues: [['invalid_type', `${ENTERPRISE}:manager`]],
  },
  {
    name: 'non-canonical type when enforced',
    input: { ...base, emails: [{ value: 'a@b', type: 'pigeon' }] },
    issues: [['canonical_value', 'emails[0].type']],
    enforceCanonicalValues: true,
  },
  {
    name: 'several issues at once, in document order',
    input: { schemas: [USER], userName: 3, active: 'maybe', foo: 1 },
    issues: [
      ['invalid_type', 'userName'],
      ['invalid_type', 'active'],
      ['unknown_attribute', 'foo'],
    ],
  },
];

/** Valid dateTime and binary strings, and invalid ones. */
export const DATE_TIMES: readonly (readonly [string, boolean])[] = [
  ['2008-01-23T04:56:22Z', true],
  ['2008-01-23T04:56:22.123Z', true],
  ['2008-01-23T04:56:22+02:00', true],
  ['2008-01-23T04:56:22', true],
  ['2024-02-29T00:00:00Z', true],
  ['2023-02-29T00:00:00Z', false],
  ['2008-13-01T00:00:00Z', false],
  ['2008-01-23', false],
  ['2008-01-23 04:56:22Z', false],
  ['2008-01-23T24:00:00Z', false],
  ['yesterday', false],
];

export const BINARIES: readonly (readonly [string, boolean])[] = [
  ['', true],
  ['TWFu', true],
  ['TWE=', true],
  ['TWE', true],
  ['TQ==', true],
  ['TQ', true],
  ['T', false],
  ['TWFu!', false],
  ['TW Fu', false],
];
