import type { Filter } from '../filter/filter-ast.js';
import type { PatchPath } from './attribute-path.js';

const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const MEMBER_ID = '2819c223-7f76-453a-919d-413861904646';

const eq = (attribute: string, value: string): Filter => ({
  kind: 'comparison',
  path: { attribute },
  operator: 'eq',
  value,
});

export interface PatchPathCase {
  readonly source: string;
  readonly path: string;
  readonly expected: PatchPath;
  /** The canonical print, when it differs from `path`. */
  readonly printed?: string;
  /** For value-filtered paths: whether the filter selects a value in the sample resources. */
  readonly selects?: { readonly user: boolean; readonly group: boolean };
}

/** The PATCH paths of RFC 7644 §3.5.2 and its subsections, plus fully qualified forms. */
export const PATCH_PATH_CASES: readonly PatchPathCase[] = [
  { source: '§3.5.2.1', path: 'members', expected: { attribute: 'members' } },
  { source: '§3.5.2', path: 'name.familyName', expected: { attribute: 'name', subAttribute: 'familyName' } },
  {
    source: '§3.5.2',
    path: 'addresses[type eq "work"]',
    expected: { attribute: 'addresses', valueFilter: eq('type', 'work') },
    selects: { user: true, group: false },
  },
  {
    source: '§3.5.2, §3.5.2.2',
    path: `members[value eq "${MEMBER_ID}"]`,
    expected: { attribute: 'members', valueFilter: eq('value', MEMBER_ID) },
    selects: { user: false, group: true },
  },
  {
    source: '§3.5.2',
    path: `members[value eq "${MEMBER_ID}"].displayName`,
    expected: { attribute: 'members', subAttribute: 'displayName', valueFilter: eq('value', MEMBER_ID) },
    selects: { user: false, group: true },
  },
  {
    source: '§3.5.2.2',
    path: 'emails[type eq "work" and value ew "example.com"]',
    expected: {
      attribute: 'emails',
      valueFilter: {
        kind: 'logical',
        operator: 'and',
        left: eq('type', 'work'),
        right: { kind: 'comparison', path: { attribute: 'value' }, operator: 'ew', value: 'example.com' },
      },
    },
    selects: { user: true, group: false },
  },
  {
    source: '§3.5.2.3',
    path: 'addresses[type eq "work"].streetAddress',
    expected: { attribute: 'addresses', subAttribute: 'streetAddress', valueFilter: eq('type', 'work') },
    selects: { user: true, group: false },
  },
  {
    source: 'Entra: sub-attribute of a filtered multi-valued attribute',
    path: 'emails[type eq "work"].value',
    expected: { attribute: 'emails', subAttribute: 'value', valueFilter: eq('type', 'work') },
    selects: { user: true, group: false },
  },
  {
    source: '§3.10 extension attribute',
    path: `${ENTERPRISE_USER}:employeeNumber`,
    expected: { schema: ENTERPRISE_USER, attribute: 'employeeNumber' },
  },
  {
    source: '§3.10 extension sub-attribute',
    path: `${ENTERPRISE_USER}:manager.value`,
    expected: { schema: ENTERPRISE_USER, attribute: 'manager', subAttribute: 'value' },
  },
  {
    source: '§3.10 fully qualified core sub-attribute',
    path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName',
    expected: {
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attribute: 'name',
      subAttribute: 'givenName',
    },
  },
  {
    source: 'fully qualified value-filtered path',
    path: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[TYPE EQ "work"].display',
    expected: {
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attribute: 'emails',
      subAttribute: 'display',
      valueFilter: { kind: 'comparison', path: { attribute: 'TYPE' }, operator: 'eq', value: 'work' },
    },
    printed: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[TYPE eq "work"].display',
    selects: { user: true, group: false },
  },
  {
    source: '$ref sub-attribute',
    path: 'members.$ref',
    expected: { attribute: 'members', subAttribute: '$ref' },
  },
];

export interface InvalidPathCase {
  readonly path: string;
  readonly position: number;
  readonly scimType: 'invalidPath' | 'invalidFilter';
  readonly detail: string;
}

export const INVALID_PATH_CASES: readonly InvalidPathCase[] = [
  { path: '', position: 0, scimType: 'invalidPath', detail: 'expected an attribute path' },
  { path: 'name.familyName.x', position: 15, scimType: 'invalidPath', detail: 'invalid character "."' },
  { path: 'emails[type eq "work"]x', position: 22, scimType: 'invalidPath', detail: 'after the path' },
  {
    path: 'emails[type eq "work"].',
    position: 23,
    scimType: 'invalidPath',
    detail: 'expected a sub-attribute name',
  },
  {
    path: 'emails[type eq "work"].value.x',
    position: 28,
    scimType: 'invalidPath',
    detail: 'invalid character "."',
  },
  {
    path: 'emails.value[type eq "work"]',
    position: 12,
    scimType: 'invalidPath',
    detail: 'without a sub-attribute',
  },
  { path: 'userName eq "x"', position: 9, scimType: 'invalidPath', detail: 'after the path' },
  { path: '1abc', position: 1, scimType: 'invalidPath', detail: 'invalid number' },
  {
    path: 'urn:ietf:params:scim:schemas:core:2.0:User:',
    position: 43,
    scimType: 'invalidPath',
    detail: 'missing attribute name',
  },
  { path: ':userName', position: 0, scimType: 'invalidPath', detail: 'unexpected character ":"' },
  { path: 'emails[]', position: 7, scimType: 'invalidFilter', detail: 'expected an attribute path' },
  { path: 'emails[type eq]', position: 14, scimType: 'invalidFilter', detail: 'expected a value' },
  { path: 'emails[type eq "work"', position: 21, scimType: 'invalidFilter', detail: 'expected "]"' },
  {
    path: 'emails[type[value eq "x"]]',
    position: 11,
    scimType: 'invalidFilter',
    detail: 'nested attribute filter',
  },
];
