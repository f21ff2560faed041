import type { ScimType } from '../errors/scim-error.js';
import type { JsonObject } from '../resource/attribute-access.js';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const BABS_ID = '2819c223-7f76-453a-919d-413861904646';
export const JAMES_ID = '08e1d05d-121c-4561-8b96-473d93df9210';
export const THIRD_ID = '902c246b-6245-4190-8e05-00816be7344a';

const member = (id: string, display: string): JsonObject => ({
  display,
  $ref: `https://example.com/v2/Users/${id}`,
  value: id,
});

/** The group of RFC 7644 §3.5.2's examples. */
export function tourGuides(members: readonly JsonObject[] = []): JsonObject {
  const group: JsonObject = {
    schemas: [GROUP_SCHEMA],
    id: 'acbf3ae7-8463-4692-b4fd-9b4da3f908ce',
    displayName: 'Tour Guides',
    meta: { resourceType: 'Group', version: 'W/"3694e05e9dff592"' },
  };
  if (members.length > 0) group['members'] = members;
  return group;
}

export const BABS = member(BABS_ID, 'Babs Jensen');
export const JAMES = member(JAMES_ID, 'James Smith');
export const THIRD = member(THIRD_ID, 'Mandy Pepperidge');

/** Barbara Jensen, after RFC 7643 §8.2, with the addresses RFC 7644 §3.5.2.3 edits. */
export function bjensen(overrides: JsonObject = {}): JsonObject {
  return {
    schemas: [USER_SCHEMA],
    id: BABS_ID,
    externalId: 'bjensen',
    userName: 'bjensen@example.com',
    name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
    displayName: 'Babs Jensen',
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      {
        type: 'work',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'USA',
        primary: true,
      },
      {
        type: 'home',
        streetAddress: '456 Hollywood Blvd',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'USA',
      },
    ],
    meta: {
      resourceType: 'User',
      created: '2010-01-23T04:56:22Z',
      lastModified: '2011-05-13T04:42:34Z',
      version: 'W/"a330bc54f0671c9"',
    },
    ...overrides,
  };
}

export interface PatchCase {
  readonly name: string;
  readonly resourceType: 'User' | 'Group';
  readonly resource: JsonObject;
  /** The `Operations` of the request, as a client sends them. */
  readonly operations: readonly unknown[];
  /** The resource after the request. */
  readonly expected?: JsonObject;
  /** Defaults to true when `expected` is given. */
  readonly changed?: boolean;
  readonly error?: { readonly scimType: ScimType; readonly detail?: RegExp };
}

const { emails: _emails, ...bjensenWithoutEmails } = bjensen();

/** Every PATCH example of RFC 7644 §3.5.2, plus the rules the section states in prose. */
export const RFC_CASES: readonly PatchCase[] = [
  {
    name: '§3.5.2.1 add a member to a group',
    resourceType: 'Group',
    resource: tourGuides([JAMES]),
    operations: [{ op: 'add', path: 'members', value: [BABS] }],
    expected: tourGuides([JAMES, BABS]),
  },
  {
    name: '§3.5.2.1 add emails and nickname without a path',
    resourceType: 'User',
    resource: bjensen({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }),
    operations: [
      { op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } },
    ],
    expected: bjensen({ nickName: 'Babs' }),
  },
  {
    name: '§3.5.2.1 add replaces the value of a single-valued attribute',
    resourceType: 'User',
    resource: bjensen({ nickName: 'Barb' }),
    operations: [{ op: 'add', value: { nickName: 'Babs' } }],
    expected: bjensen({ nickName: 'Babs' }),
  },
  {
    name: '§3.5.2.1 adding a value already present changes nothing',
    resourceType: 'Group',
    resource: tourGuides([BABS, JAMES]),
    operations: [{ op: 'add', path: 'members', value: [{ value: BABS_ID }] }],
    expected: tourGuides([BABS, JAMES]),
    changed: false,
  },
  {
    name: '§3.5.2.1 add to a complex attribute merges sub-attributes',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'add', path: 'name', value: { middleName: 'Jane' } }],
    expected: bjensen({
      name: {
        formatted: 'Ms. Barbara J Jensen III',
        familyName: 'Jensen',
        givenName: 'Barbara',
        middleName: 'Jane',
      },
    }),
  },
  {
    name: '§3.5.2.1 add of a value without "value" is invalidValue',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'add', path: 'nickName' }],
    error: { scimType: 'invalidValue', detail: /^Operations\[0\]\.value: / },
  },
  {
    name: '§3.5.2.2 remove a single member',
    resourceType: 'Group',
    resource: tourGuides([BABS, JAMES]),
    operations: [{ op: 'remove', path: `members[value eq "${BABS_ID}"]` }],
    expected: tourGuides([JAMES]),
  },
  {
    name: '§3.5.2.2 remove all members',
    resourceType: 'Group',
    resource: tourGuides([BABS, JAMES]),
    operations: [{ op: 'remove', path: 'members' }],
    expected: tourGuides(),
  },
  {
    name: '§3.5.2.2 remove a value of a complex multi-valued attribute by a compound filter',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
    expected: bjensen({ emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
  },
  {
    name: '§3.5.2.2 remove multiple members with two filters',
    resourceType: 'Group',
    resource: tourGuides([BABS, JAMES, THIRD]),
    operations: [
      { op: 'remove', path: `members[value eq "${BABS_ID}"]` },
      { op: 'remove', path: `members[value eq "${THIRD_ID}"]` },
    ],
    expected: tourGuides([JAMES]),
  },
  {
    name: '§3.5.2.2 remove a member by filter, then add another',
    resourceType: 'Group',
    resource: tourGuides([BABS]),
    operations: [
      { op: 'remove', path: `members[value eq "${BABS_ID}"]` },
      { op: 'add', path: 'members', value: [JAMES] },
    ],
    expected: tourGuides([JAMES]),
  },
  {
    name: '§3.5.2.2 replace all members with remove, then add',
    resourceType: 'Group',
    resource: tourGuides([THIRD]),
    operations: [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [BABS, JAMES] },
    ],
    expected: tourGuides([BABS, JAMES]),
  },
  {
    name: '§3.5.2.2 remove without a path is noTarget',
    resourceType: 'Group',
    resource: tourGuides([BABS]),
    operations: [{ op: 'remove' }],
    error: { scimType: 'noTarget', detail: /^Operations\[0\]/ },
  },
  {
    name: '§3.5.2.2 removing the last value unassigns the attribute',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'remove', path: 'emails[type eq "work"]' },
      { op: 'remove', path: 'emails[type eq "home"]' },
    ],
    expected: bjensenWithoutEmails,
  },
  {
    name: '§3.5.2.2 remove a sub-attribute of the selected values',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'remove', path: 'addresses[type eq "home"].streetAddress' }],
    expected: bjensen({
      addresses: [
        {
          type: 'work',
          streetAddress: '100 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'USA',
          primary: true,
        },
        { type: 'home', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' },
      ],
    }),
  },
  {
    name: '§3.5.2.2 removing a required attribute is mutability',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'remove', path: 'userName' }],
    error: { scimType: 'mutability', detail: /^Operations\[0\]: .*userName.*required/ },
  },
  {
    name: '§3.5.2.2 removing what is not there changes nothing',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'remove', path: 'nickName' },
      { op: 'remove', path: 'emails[type eq "other"]' },
    ],
    expected: bjensen(),
    changed: false,
  },
  {
    name: '§3.5.2.3 replace all members in a single operation',
    resourceType: 'Group',
    resource: tourGuides([THIRD]),
    operations: [{ op: 'replace', path: 'members', value: [BABS, JAMES] }],
    expected: tourGuides([BABS, JAMES]),
  },
  {
    name: "§3.5.2.3 replace a user's whole work address selected by a filter",
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      {
        op: 'replace',
        path: 'addresses[type eq "work"]',
        value: {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
      },
    ],
    expected: bjensen({
      addresses: [
        {
          type: 'work',
          streetAddress: '911 Universal City Plaza',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'US',
          formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
          primary: true,
        },
        {
          type: 'home',
          streetAddress: '456 Hollywood Blvd',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'USA',
        },
      ],
    }),
  },
  {
    name: '§3.5.2.3 replace streetAddress of the work address',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' },
    ],
    expected: bjensen({
      addresses: [
        {
          type: 'work',
          streetAddress: '1010 Broadway Ave',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'USA',
          primary: true,
        },
        {
          type: 'home',
          streetAddress: '456 Hollywood Blvd',
          locality: 'Hollywood',
          region: 'CA',
          postalCode: '91608',
          country: 'USA',
        },
      ],
    }),
  },
  {
    name: '§3.5.2.3 replace all values of several attributes without a path',
    resourceType: 'User',
    resource: bjensen({ emails: [{ value: 'old@example.com', type: 'other' }], nickName: 'Barb' }),
    operations: [
      {
        op: 'replace',
        value: {
          emails: [
            { value: 'bjensen@example.com', type: 'work', primary: true },
            { value: 'babs@jensen.org', type: 'home' },
          ],
          nickname: 'Babs',
        },
      },
    ],
    expected: bjensen({ nickName: 'Babs' }),
  },
  {
    name: '§3.5.2.3 replace of a complex attribute leaves unspecified sub-attributes unchanged',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'name', value: { givenName: 'Barbara Jane' } }],
    expected: bjensen({
      name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara Jane' },
    }),
  },
  {
    name: '§3.5.2.3 replace of an attribute that does not exist adds it',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'title', value: 'Tour Guide' }],
    expected: bjensen({ title: 'Tour Guide' }),
  },
  {
    name: '§3.5.2.3 replace with a filter matching no value is noTarget',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'replace', path: 'addresses[type eq "other"]', value: { type: 'other', locality: 'Burbank' } },
    ],
    error: { scimType: 'noTarget', detail: /^Operations\[0\]: / },
  },
  {
    name: '§3.5.2.3 replace of a sub-attribute under a filter that cannot describe a value is noTarget',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'emails[value ew "nowhere.test"].type', value: 'other' }],
    error: { scimType: 'noTarget' },
  },
  {
    name: '§3.5.2 setting a value primary clears the other primary (RFC 7643 §2.4)',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
    expected: bjensen({
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: false },
        { value: 'babs@jensen.org', type: 'home', primary: true },
      ],
    }),
  },
  {
    name: '§3.5.2 adding a primary value clears the previous primary',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'add', path: 'emails', value: [{ value: 'babs@example.org', type: 'other', primary: true }] },
    ],
    expected: bjensen({
      emails: [
        { value: 'bjensen@example.com', type: 'work', primary: false },
        { value: 'babs@jensen.org', type: 'home' },
        { value: 'babs@example.org', type: 'other', primary: true },
      ],
    }),
  },
  {
    name: '§3.5.2 two primary values in one operation is invalidValue',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      {
        op: 'replace',
        path: 'emails',
        value: [
          { value: 'a@example.com', primary: true },
          { value: 'b@example.com', primary: true },
        ],
      },
    ],
    error: { scimType: 'invalidValue' },
  },
  {
    name: '§3.5.2 operations apply in order; a later failure undoes nothing visible (atomic)',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'replace', path: 'displayName', value: 'Barbara' },
      { op: 'replace', path: 'nosuchattribute', value: 'x' },
    ],
    error: { scimType: 'invalidPath', detail: /^Operations\[1\]\.path: / },
  },
  {
    name: '§3.5.2 readOnly attribute: replacing id with another value is mutability',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'id', value: 'something-else' }],
    error: { scimType: 'mutability', detail: /readOnly/ },
  },
  {
    name: '§3.5.2 readOnly attribute: replacing id with its own value changes nothing',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', value: { id: BABS_ID, displayName: 'Babs Jensen' } }],
    expected: bjensen(),
    changed: false,
  },
  {
    name: '§3.5.2 readOnly attribute: groups cannot be added to',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'add', path: 'groups', value: [{ value: 'e9e30dba-f08f-4109-8486-d5c6a331660a' }] }],
    error: { scimType: 'mutability' },
  },
  {
    name: '§3.5.2 readOnly attribute: meta cannot be removed',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'remove', path: 'meta' }],
    error: { scimType: 'mutability' },
  },
  {
    name: '§3.5.2 immutable sub-attribute of an existing member cannot change',
    resourceType: 'Group',
    resource: tourGuides([BABS]),
    operations: [{ op: 'replace', path: `members[value eq "${BABS_ID}"].display`, value: 'Barbara' }],
    error: { scimType: 'mutability', detail: /immutable/ },
  },
  {
    name: '§3.5.2 unknown attribute is invalidPath',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'add', path: 'favouriteColour', value: 'blue' }],
    error: { scimType: 'invalidPath', detail: /favouriteColour/ },
  },
  {
    name: '§3.5.2 unknown sub-attribute is invalidPath',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'name.nickname', value: 'x' }],
    error: { scimType: 'invalidPath' },
  },
  {
    name: '§3.5.2 a value filter on a single-valued attribute is invalidPath',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'name[givenName eq "Barbara"].familyName', value: 'x' }],
    error: { scimType: 'invalidPath' },
  },
  {
    name: '§3.5.2 a filter naming no sub-attribute is invalidPath',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'remove', path: 'emails[colour eq "red"]' }],
    error: { scimType: 'invalidPath' },
  },
  {
    name: '§3.5.2 a malformed path is reported with the operation index',
    resourceType: 'User',
    resource: bjensen(),
    operations: [
      { op: 'replace', path: 'displayName', value: 'x' },
      { op: 'remove', path: 'emails[type eq' },
    ],
    error: { scimType: 'invalidFilter', detail: /^Operations\[1\]\.path: / },
  },
  {
    name: '§3.5.2 a value of the wrong type is invalidValue',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'active', value: 42 }],
    error: { scimType: 'invalidValue', detail: /^Operations\[0\]\.value: / },
  },
  {
    name: '§3.5.2 a string that is not a boolean is invalidValue',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'active', value: 'yes' }],
    error: { scimType: 'invalidValue' },
  },
  {
    name: '§3.5.2 an unknown sub-attribute in a value is invalidValue',
    resourceType: 'Group',
    resource: tourGuides(),
    operations: [{ op: 'add', path: 'members', value: [{ value: BABS_ID, colour: 'red' }] }],
    error: { scimType: 'invalidValue' },
  },
  {
    name: '§3.5.2 an unknown op is invalidSyntax',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'copy', path: 'displayName', value: 'x' }],
    error: { scimType: 'invalidSyntax', detail: /^Operations\[0\]\.op: / },
  },
  {
    name: 'replace with null unassigns the attribute (RFC 7643 §2.5)',
    resourceType: 'User',
    resource: bjensen({ nickName: 'Babs' }),
    operations: [{ op: 'replace', path: 'nickName', value: null }],
    expected: bjensen(),
  },
  {
    name: 'extension attribute by URN path; the URN joins schemas',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'add', path: `${ENTERPRISE}:employeeNumber`, value: '701984' }],
    expected: bjensen({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { employeeNumber: '701984' } }),
  },
  {
    name: 'removing the last extension attribute drops the extension and its URN',
    resourceType: 'User',
    resource: bjensen({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { employeeNumber: '701984' } }),
    operations: [{ op: 'remove', path: `${ENTERPRISE}:employeeNumber` }],
    expected: bjensen(),
  },
  {
    name: 'a path naming a whole extension removes all its attributes',
    resourceType: 'User',
    resource: bjensen({
      schemas: [USER_SCHEMA, ENTERPRISE],
      [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations' },
    }),
    operations: [{ op: 'remove', path: ENTERPRISE }],
    expected: bjensen(),
  },
  {
    name: 'path-less add with an extension object',
    resourceType: 'User',
    resource: bjensen({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { employeeNumber: '701984' } }),
    operations: [
      { op: 'add', value: { [ENTERPRISE]: { department: 'Tour Operations', manager: { value: JAMES_ID } } } },
    ],
    expected: bjensen({
      schemas: [USER_SCHEMA, ENTERPRISE],
      [ENTERPRISE]: { employeeNumber: '701984', department: 'Tour Operations', manager: { value: JAMES_ID } },
    }),
  },
  {
    name: 'sub-attribute of an extension complex attribute',
    resourceType: 'User',
    resource: bjensen({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { manager: { value: JAMES_ID } } }),
    operations: [{ op: 'replace', path: `${ENTERPRISE}:manager.value`, value: THIRD_ID }],
    expected: bjensen({ schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { manager: { value: THIRD_ID } } }),
  },
  {
    name: 'attribute names are case-insensitive and stored canonically (RFC 7643 §2.1)',
    resourceType: 'User',
    resource: bjensen(),
    operations: [{ op: 'replace', path: 'NAME.GIVENNAME', value: 'Barb' }],
    expected: bjensen({
      name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barb' },
    }),
  },
];
