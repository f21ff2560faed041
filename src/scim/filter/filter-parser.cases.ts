import type { JsonObject } from '../resource/attribute-access.js';
import type { AttributePath } from '../path/attribute-path.js';
import type { ComparisonOperator, Filter, FilterLiteral } from './filter-ast.js';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const path = (attribute: string, subAttribute?: string, schema?: string): AttributePath => ({
  ...(schema === undefined ? {} : { schema }),
  attribute,
  ...(subAttribute === undefined ? {} : { subAttribute }),
});

/** `path` written as in a filter: `name.familyName` or `urn:…:User:userName`. */
const p = (text: string): AttributePath => {
  const colon = text.lastIndexOf(':');
  const schema = colon < 0 ? undefined : text.slice(0, colon);
  const [attribute, subAttribute] = text.slice(colon + 1).split('.') as [string, string | undefined];
  return path(attribute, subAttribute, schema);
};
export const cmp = (attrPath: string, operator: ComparisonOperator, value: FilterLiteral): Filter => ({
  kind: 'comparison',
  path: p(attrPath),
  operator,
  value,
});
export const pr = (attrPath: string): Filter => ({ kind: 'present', path: p(attrPath) });
export const and = (left: Filter, right: Filter): Filter => ({
  kind: 'logical',
  operator: 'and',
  left,
  right,
});
export const or = (left: Filter, right: Filter): Filter => ({ kind: 'logical', operator: 'or', left, right });
export const not = (filter: Filter): Filter => ({ kind: 'not', filter });
export const valuePath = (attrPath: string, filter: Filter): Filter => ({
  kind: 'valuePath',
  path: p(attrPath),
  filter,
});

/**
 * Sample resources. bjensen follows RFC 7643 §8.2; omalley's lastModified is the same instant as
 * bjensen's written with a +02:00 offset.
 */
export const SAMPLE_RESOURCES = {
  bjensen: {
    schemas: [CORE_USER, ENTERPRISE_USER],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName: 'bjensen',
    displayName: 'Babs Jensen',
    name: { familyName: 'Jensen', givenName: 'Barbara' },
    title: 'Tour Guide',
    userType: 'Employee',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    ims: [{ value: 'someaimhandle', type: 'aim' }],
    addresses: [{ type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood' }],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z' },
    [ENTERPRISE_USER]: {
      employeeNumber: '701984',
      manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
    },
  },
  omalley: {
    schemas: [CORE_USER],
    userName: 'JOMalley',
    displayName: "Jo O'Malley",
    name: { familyName: "O'Malley", givenName: 'Jo' },
    userType: 'Intern',
    emails: [{ value: 'jo@example.org', type: 'work' }],
    ims: [{ value: 'jo@foo.com', type: 'xmpp' }],
    meta: { resourceType: 'User', lastModified: '2011-05-13T06:42:34+02:00' },
  },
  john: {
    schemas: [CORE_USER],
    userName: 'john',
    displayName: 'Smith, John',
    title: 'Engineer',
    userType: 'Contractor',
    emails: [{ value: 'john@contoso.test', type: 'home' }],
    meta: { resourceType: 'User', lastModified: '2012-01-01T00:00:00Z' },
  },
  group: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Tour Guides',
    members: [
      { value: '2819c223-7f76-453a-919d-413861904646', display: 'Babs Jensen', $ref: '/Users/2819c223' },
      { value: '902c246b-6245-4190-8e05-00816be7344a', display: 'Mandy Pepperidge' },
    ],
    meta: { resourceType: 'Group', lastModified: '2011-05-13T04:42:34Z' },
  },
} satisfies Record<string, JsonObject>;

export type SampleName = keyof typeof SAMPLE_RESOURCES;

export interface FilterCase {
  /** Where the example comes from. */
  readonly source: string;
  readonly filter: string;
  readonly ast: Filter;
  /** The canonical print, when it differs from `filter`. */
  readonly printed?: string;
  /** Expected result per sample resource. */
  readonly matches: Readonly<Record<SampleName, boolean>>;
}

const users = (bjensen: boolean, omalley: boolean, john: boolean): Record<SampleName, boolean> => ({
  bjensen,
  omalley,
  john,
  group: false,
});

const LAST_MODIFIED = '2011-05-13T04:42:34Z';

/** Every filter example in RFC 7644's text, in order, plus the §3.4.3 search example. */
export const RFC_FILTER_CASES: readonly FilterCase[] = [
  {
    source: '§3.4.2.2 case-insensitive operator',
    filter: 'userName Eq "john"',
    ast: cmp('userName', 'eq', 'john'),
    printed: 'userName eq "john"',
    matches: users(false, false, true),
  },
  {
    source: '§3.4.2.2 case-insensitive attribute name',
    filter: 'Username eq "john"',
    ast: cmp('Username', 'eq', 'john'),
    matches: users(false, false, true),
  },
  {
    source: '§3.4.2.2',
    filter: 'userName eq "bjensen"',
    ast: cmp('userName', 'eq', 'bjensen'),
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: `name.familyName co "O'Malley"`,
    ast: cmp('name.familyName', 'co', "O'Malley"),
    matches: users(false, true, false),
  },
  {
    source: '§3.4.2.2 (case-insensitive: "john" starts with "J")',
    filter: 'userName sw "J"',
    ast: cmp('userName', 'sw', 'J'),
    matches: users(false, true, true),
  },
  {
    source: '§3.4.2.2 fully qualified core attribute',
    filter: `${CORE_USER}:userName sw "J"`,
    ast: cmp(`${CORE_USER}:userName`, 'sw', 'J'),
    matches: users(false, true, true),
  },
  { source: '§3.4.2.2', filter: 'title pr', ast: pr('title'), matches: users(true, false, true) },
  {
    source: '§3.4.2.2 (omalley: same instant, +02:00)',
    filter: `meta.lastModified gt "${LAST_MODIFIED}"`,
    ast: cmp('meta.lastModified', 'gt', LAST_MODIFIED),
    matches: users(false, false, true),
  },
  {
    source: '§3.4.2.2',
    filter: `meta.lastModified ge "${LAST_MODIFIED}"`,
    ast: cmp('meta.lastModified', 'ge', LAST_MODIFIED),
    matches: { ...users(true, true, true), group: true },
  },
  {
    source: '§3.4.2.2',
    filter: `meta.lastModified lt "${LAST_MODIFIED}"`,
    ast: cmp('meta.lastModified', 'lt', LAST_MODIFIED),
    matches: users(false, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: `meta.lastModified le "${LAST_MODIFIED}"`,
    ast: cmp('meta.lastModified', 'le', LAST_MODIFIED),
    matches: { ...users(true, true, false), group: true },
  },
  {
    source: '§3.4.2.2',
    filter: 'title pr and userType eq "Employee"',
    ast: and(pr('title'), cmp('userType', 'eq', 'Employee')),
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: 'title pr or userType eq "Intern"',
    ast: or(pr('title'), cmp('userType', 'eq', 'Intern')),
    matches: users(true, true, true),
  },
  {
    source: '§3.4.2.2 multi-valued any-match',
    filter: `schemas eq "${ENTERPRISE_USER}"`,
    ast: cmp('schemas', 'eq', ENTERPRISE_USER),
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ast: and(
      cmp('userType', 'eq', 'Employee'),
      or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org')),
    ),
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    ast: and(
      cmp('userType', 'ne', 'Employee'),
      not(or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'))),
    ),
    matches: { ...users(false, false, true), group: true },
  },
  {
    source: '§3.4.2.2',
    filter: 'userType eq "Employee" and (emails.type eq "work")',
    ast: and(cmp('userType', 'eq', 'Employee'), cmp('emails.type', 'eq', 'work')),
    printed: 'userType eq "Employee" and emails.type eq "work"',
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    ast: and(
      cmp('userType', 'eq', 'Employee'),
      valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
    ),
    matches: users(true, false, false),
  },
  {
    source: '§3.4.2.2',
    filter:
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ast: or(
      valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      valuePath('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
    ),
    matches: users(true, true, false),
  },
  {
    source: '§3.4.3 search request',
    filter: 'displayName sw "smith"',
    ast: cmp('displayName', 'sw', 'smith'),
    matches: users(false, false, true),
  },
];

/** Filters beyond the RFC examples: precedence, literals, extensions and the Entra shape. */
export const EXTRA_FILTER_CASES: readonly FilterCase[] = [
  {
    source: 'and binds tighter than or',
    filter: 'userName eq "john" or title pr and userType eq "Employee"',
    ast: or(cmp('userName', 'eq', 'john'), and(pr('title'), cmp('userType', 'eq', 'Employee'))),
    matches: users(true, false, true),
  },
  {
    source: 'parentheses override precedence',
    filter: '(userName eq "john" or title pr) and userType eq "Employee"',
    ast: and(or(cmp('userName', 'eq', 'john'), pr('title')), cmp('userType', 'eq', 'Employee')),
    matches: users(true, false, false),
  },
  {
    source: 'left-associative chains',
    filter: 'userName eq "a" or userName eq "bjensen" or userName eq "c"',
    ast: or(or(cmp('userName', 'eq', 'a'), cmp('userName', 'eq', 'bjensen')), cmp('userName', 'eq', 'c')),
    matches: users(true, false, false),
  },
  {
    source: 'explicit right grouping keeps its parentheses',
    filter: 'userName eq "a" or (userName eq "bjensen" or userName eq "c")',
    ast: or(cmp('userName', 'eq', 'a'), or(cmp('userName', 'eq', 'bjensen'), cmp('userName', 'eq', 'c'))),
    matches: users(true, false, false),
  },
  {
    source: 'upper-case logical operators and keywords',
    filter: 'NOT (title PR) AND userType EQ "Intern" OR userName SW "x"',
    ast: or(and(not(pr('title')), cmp('userType', 'eq', 'Intern')), cmp('userName', 'sw', 'x')),
    printed: 'not (title pr) and userType eq "Intern" or userName sw "x"',
    matches: users(false, true, false),
  },
  {
    source: 'enterprise extension attribute',
    filter: `${ENTERPRISE_USER}:employeeNumber eq "701984"`,
    ast: cmp(`${ENTERPRISE_USER}:employeeNumber`, 'eq', '701984'),
    matches: users(true, false, false),
  },
  {
    source: 'enterprise extension sub-attribute',
    filter: `${ENTERPRISE_USER}:manager.displayName co "smith"`,
    ast: cmp(`${ENTERPRISE_USER}:manager.displayName`, 'co', 'smith'),
    matches: users(true, false, false),
  },
  {
    source: 'Microsoft Entra: sub-attribute after a value filter',
    filter: 'emails[type eq "work"].value eq "jo@example.org"',
    ast: valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'jo@example.org'))),
    printed: 'emails[type eq "work" and value eq "jo@example.org"]',
    matches: users(false, true, false),
  },
  {
    source: 'Microsoft Entra: sub-attribute presence after a value filter',
    filter: 'emails[type eq "home"].value pr',
    ast: valuePath('emails', and(cmp('type', 'eq', 'home'), pr('value'))),
    printed: 'emails[type eq "home" and value pr]',
    matches: users(true, false, true),
  },
  {
    source: 'literals: true, false, null, numbers (case-insensitive keywords)',
    filter: 'emails.primary eq TRUE and not (title eq null) and count gt -1.5e2',
    ast: and(and(cmp('emails.primary', 'eq', true), not(cmp('title', 'eq', null))), cmp('count', 'gt', -150)),
    printed: 'emails.primary eq true and not (title eq null) and count gt -150',
    matches: users(false, false, false),
  },
  {
    source: 'JSON escapes in strings',
    filter: String.raw`displayName eq "Jo O\u0027Malley" or displayName eq "a\"b\\c\/d\b\f\n\r\t"`,
    ast: or(cmp('displayName', 'eq', "Jo O'Malley"), cmp('displayName', 'eq', 'a"b\\c/d\b\f\n\r\t')),
    printed: String.raw`displayName eq "Jo O'Malley" or displayName eq "a\"b\\c/d\b\f\n\r\t"`,
    matches: users(false, true, false),
  },
  {
    source: '$ref sub-attribute and a value filter on a group',
    filter: 'members[$ref pr and display sw "babs"]',
    ast: valuePath('members', and(pr('$ref'), cmp('display', 'sw', 'babs'))),
    matches: { ...users(false, false, false), group: true },
  },
  {
    source: 'attributes named like keywords',
    filter: 'not pr or and eq "x" or or pr',
    ast: or(or(pr('not'), cmp('and', 'eq', 'x')), pr('or')),
    matches: users(false, false, false),
  },
  {
    source: 'whitespace: tabs, newlines, none around brackets and parentheses',
    filter: '(\ttitle pr)and\nemails[type eq"work"]',
    ast: and(pr('title'), valuePath('emails', cmp('type', 'eq', 'work'))),
    printed: 'title pr and emails[type eq "work"]',
    matches: users(true, false, false),
  },
];

export interface InvalidFilterCase {
  readonly filter: string;
  readonly position: number;
  /** A fragment the error detail must contain. */
  readonly detail: string;
}

export const INVALID_FILTER_CASES: readonly InvalidFilterCase[] = [
  { filter: '', position: 0, detail: 'expected an attribute path' },
  {
    filter: 'userName xx "bjensen"',
    position: 9,
    detail: 'expected a comparison operator after "userName" at offset 9',
  },
  { filter: 'userName', position: 8, detail: 'expected a comparison operator' },
  { filter: 'userName eq', position: 11, detail: 'expected a value' },
  { filter: 'userName eq "bjensen', position: 12, detail: 'unterminated string' },
  // RFC 7644 §3.4.2.2 shows this with unquoted values, which its own ABNF (compValue) rejects.
  {
    filter: '(meta.resourceType eq User) or (meta.resourceType eq Group)',
    position: 22,
    detail: 'strings must be in double quotes',
  },
  { filter: '(userName eq "a"', position: 16, detail: 'expected ")"' },
  { filter: 'userName eq "a")', position: 15, detail: 'unmatched ")"' },
  { filter: 'userName eq "a" and', position: 19, detail: 'expected an attribute path' },
  { filter: 'userName eq "a" "b"', position: 16, detail: 'expected "and", "or"' },
  { filter: 'emails[type eq "work"', position: 21, detail: 'expected "]"' },
  { filter: 'emails[type[value eq "x"]]', position: 11, detail: 'nested attribute filter' },
  { filter: 'emails.value[type eq "work"]', position: 12, detail: 'without a sub-attribute' },
  { filter: 'emails[type eq "work"].', position: 23, detail: 'expected a sub-attribute name' },
  { filter: 'emails[type eq "work"].value.x eq 1', position: 28, detail: 'invalid character "."' },
  { filter: 'not userName eq "x"', position: 4, detail: 'expected "(" after "not"' },
  { filter: 'not (userName eq "x"', position: 20, detail: 'expected ")"' },
  { filter: 'name.familyName.x pr', position: 15, detail: 'invalid character "." in sub-attribute name' },
  {
    filter: 'urn:ietf:params:scim:schemas:core:2.0:User: pr',
    position: 43,
    detail: 'missing attribute name',
  },
  { filter: 'name. pr', position: 5, detail: 'missing sub-attribute name' },
  { filter: 'na%me pr', position: 2, detail: 'invalid character "%"' },
  { filter: '$foo pr', position: 0, detail: 'only "$ref"' },
  { filter: 'userName # "x"', position: 9, detail: 'unexpected character "#"' },
  { filter: 'userName eq "\\x"', position: 13, detail: 'invalid escape' },
  { filter: 'userName eq "\\u12G4"', position: 13, detail: 'invalid \\u escape' },
  { filter: 'userName eq "a\u0001"', position: 14, detail: 'unescaped control character' },
  { filter: 'count eq 01', position: 10, detail: 'invalid number' },
  { filter: 'count eq 1.', position: 11, detail: 'expected a digit after "."' },
  { filter: 'count eq 1e', position: 11, detail: 'exponent' },
  { filter: 'count eq -', position: 10, detail: 'expected a digit' },
  { filter: 'count eq 1e400', position: 9, detail: 'out of range' },
  { filter: 'count eq 12abc', position: 11, detail: 'invalid number' },
  { filter: 'userName eq "a" and (', position: 21, detail: 'expected an attribute path' },
  { filter: 'userName eq "a" and )', position: 20, detail: 'expected an attribute path' },
  { filter: 'userName eq "a"]', position: 15, detail: 'expected "and", "or"' },
];
