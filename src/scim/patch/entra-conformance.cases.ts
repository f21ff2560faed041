import type { JsonObject } from '../resource/attribute-access.js';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA, type PatchCase } from './apply-patch.cases.js';

/** The user Entra ID's SCIM tutorial ("Develop and plan provisioning for a SCIM endpoint") creates. */
export function entraUser(overrides: JsonObject = {}): JsonObject {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    id: '48af03ac28ad4fb88478',
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1',
    active: true,
    emails: [
      { primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' },
    ],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    ...overrides,
  };
}

export function entraGroup(overrides: JsonObject = {}): JsonObject {
  return {
    schemas: [GROUP_SCHEMA],
    id: '927fa2c08dcb4a7fae9e',
    externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    displayName: 'displayName',
    meta: { resourceType: 'Group' },
    ...overrides,
  };
}

const MEMBER_ID = 'f648f8d5ea4e4cd38e9c';

/**
 * The PATCH requests Entra ID sends, from Microsoft's SCIM tutorial and its "Known issues and
 * resolutions with SCIM 2.0 protocol compliance" page (capitalised ops, booleans as strings,
 * path-less maps keyed by paths, `remove` by value).
 */
export const ENTRA_CASES: readonly PatchCase[] = [
  {
    name: 'tutorial: update user, multi-valued properties',
    resourceType: 'User',
    resource: entraUser(),
    operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ],
    expected: entraUser({
      emails: [{ primary: true, type: 'work', value: 'updatedEmail@microsoft.com' }],
      name: { formatted: 'givenName familyName', familyName: 'updatedFamilyName', givenName: 'givenName' },
    }),
  },
  {
    name: 'tutorial: update user, single-valued properties',
    resourceType: 'User',
    resource: entraUser(),
    operations: [
      { op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' },
    ],
    expected: entraUser({ userName: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }),
  },
  {
    name: 'tutorial: disable user',
    resourceType: 'User',
    resource: entraUser(),
    operations: [{ op: 'Replace', path: 'active', value: false }],
    expected: entraUser({ active: false }),
  },
  {
    name: 'known issues: disable user with the boolean as the string "False"',
    resourceType: 'User',
    resource: entraUser(),
    operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    expected: entraUser({ active: false }),
  },
  {
    name: 'known issues: enable user with "TRUE" in any case',
    resourceType: 'User',
    resource: entraUser({ active: false }),
    operations: [{ op: 'replace', path: 'active', value: 'TRUE' }],
    expected: entraUser({ active: true }),
  },
  {
    name: 'known issues: path-less replace keyed by paths and URNs',
    resourceType: 'User',
    resource: entraUser(),
    operations: [
      {
        op: 'replace',
        value: {
          displayName: 'Pat Doe',
          'name.givenName': 'Pat',
          'name.familyName': 'Doe',
          active: 'False',
          'emails[type eq "work"].value': 'pat@contoso.com',
          [`${ENTERPRISE}:department`]: 'Sales',
          [`${ENTERPRISE}:employeeNumber`]: '1234',
        },
      },
    ],
    expected: entraUser({
      displayName: 'Pat Doe',
      name: { formatted: 'givenName familyName', familyName: 'Doe', givenName: 'Pat' },
      active: false,
      emails: [{ primary: true, type: 'work', value: 'pat@contoso.com' }],
      [ENTERPRISE]: { department: 'Sales', employeeNumber: '1234' },
    }),
  },
  {
    name: 'work email added when the user has none yet (creates the value)',
    resourceType: 'User',
    resource: entraUser({ emails: [{ type: 'home', value: 'home@example.com' }] }),
    operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'pat@contoso.com' }],
    expected: entraUser({
      emails: [
        { type: 'home', value: 'home@example.com' },
        { type: 'work', value: 'pat@contoso.com' },
      ],
    }),
  },
  {
    name: 'manager sent as a bare id',
    resourceType: 'User',
    resource: entraUser(),
    operations: [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: '2819c223-7f76-453a-919d-413861904646' }],
    expected: entraUser({ [ENTERPRISE]: { manager: { value: '2819c223-7f76-453a-919d-413861904646' } } }),
  },
  {
    name: 'tutorial: update group, non-member attributes',
    resourceType: 'Group',
    resource: entraGroup(),
    operations: [
      { op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
    ],
    expected: entraGroup({ displayName: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }),
  },
  {
    name: 'tutorial: update group, add members',
    resourceType: 'Group',
    resource: entraGroup(),
    operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: MEMBER_ID }] }],
    expected: entraGroup({ members: [{ value: MEMBER_ID }] }),
  },
  {
    name: 'tutorial: update group, remove members',
    resourceType: 'Group',
    resource: entraGroup({ members: [{ value: MEMBER_ID }, { value: 'a6f4f8d5ea4e4cd38e9d' }] }),
    operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: MEMBER_ID }] }],
    expected: entraGroup({ members: [{ value: 'a6f4f8d5ea4e4cd38e9d' }] }),
  },
  {
    name: 'add several members in one operation, skipping one already present',
    resourceType: 'Group',
    resource: entraGroup({ members: [{ value: MEMBER_ID }] }),
    operations: [
      {
        op: 'Add',
        path: 'members',
        value: [
          { value: MEMBER_ID },
          { value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' },
          { value: '3a1d2b6e-0b5c-4f0e-9a3b-6f1e2d3c4b5a' },
        ],
      },
    ],
    expected: entraGroup({
      members: [
        { value: MEMBER_ID },
        { value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' },
        { value: '3a1d2b6e-0b5c-4f0e-9a3b-6f1e2d3c4b5a' },
      ],
    }),
  },
  {
    name: 'remove a member by filter',
    resourceType: 'Group',
    resource: entraGroup({
      members: [{ value: MEMBER_ID }, { value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' }],
    }),
    operations: [{ op: 'Remove', path: `members[value eq "${MEMBER_ID}"]` }],
    expected: entraGroup({ members: [{ value: '7f4bc1a3-285e-48ae-8202-5accb43efb0e' }] }),
  },
  {
    name: 'removing a member that is not there succeeds without a change',
    resourceType: 'Group',
    resource: entraGroup({ members: [{ value: MEMBER_ID }] }),
    operations: [{ op: 'Remove', path: 'members[value eq "not-a-member"]' }],
    expected: entraGroup({ members: [{ value: MEMBER_ID }] }),
    changed: false,
  },
];
