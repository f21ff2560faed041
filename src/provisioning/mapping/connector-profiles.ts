import type { AttributeMapping, JobMappings, ObjectMapping } from './mapping-types.js';

/** What a target supports beyond plain SCIM, used by the matcher, the reader and the planner. */
export interface TargetRules {
  /** Attributes the target can filter on with `eq`; absent = any. */
  readonly filterableAttributes?: { readonly Users: readonly string[]; readonly Groups: readonly string[] };
  /** The largest `count` the target honours. */
  readonly maxPageSize?: number;
  /** `unsupported`: a renamed group is recreated under the new name and its members moved. */
  readonly groupRename: 'supported' | 'unsupported';
  /** `discover`: creations may go through /Bulk when the target's ServiceProviderConfig offers it. */
  readonly bulk: 'discover' | 'unsupported';
}

export interface ConnectorProfile {
  readonly name: 'generic-scim' | 'atlassian-cloud';
  readonly description: string;
  readonly mappings: JobMappings;
  readonly rules: TargetRules;
}

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const direct = (target: string, source: string, matchingPrecedence?: number): AttributeMapping =>
  matchingPrecedence === undefined
    ? { target, type: 'direct', source }
    : { target, type: 'direct', source, matchingPrecedence };
const expression = (target: string, text: string): AttributeMapping => ({
  target,
  type: 'expression',
  expression: text,
});

const ALL_ACTIONS = { create: true, update: true, delete: true } as const;

function objectMapping(attributes: readonly AttributeMapping[]): ObjectMapping {
  return { enabled: true, actions: ALL_ACTIONS, attributes, scoping: [] };
}

/** Entra's default group mapping for SCIM apps, shared by both profiles. */
const GROUPS = objectMapping([
  direct('displayName', 'displayName', 1),
  direct('externalId', 'objectId'),
  direct('members', 'members'),
]);

/** Entra ID's default attribute mappings for a custom SCIM app ("non-gallery"). */
const GENERIC_SCIM: ConnectorProfile = {
  name: 'generic-scim',
  description:
    "Any SCIM 2.0 service provider, with Microsoft Entra ID's default attribute mappings for SCIM apps",
  mappings: {
    users: objectMapping([
      direct('userName', 'userPrincipalName', 1),
      expression('active', 'Not([IsSoftDeleted])'),
      direct('displayName', 'displayName'),
      direct('title', 'jobTitle'),
      direct('emails[type eq "work"].value', 'mail'),
      direct('preferredLanguage', 'preferredLanguage'),
      direct('name.givenName', 'givenName'),
      direct('name.familyName', 'surname'),
      expression('name.formatted', 'Join(" ", [givenName], [surname])'),
      direct('addresses[type eq "work"].formatted', 'physicalDeliveryOfficeName'),
      direct('addresses[type eq "work"].streetAddress', 'streetAddress'),
      direct('addresses[type eq "work"].locality', 'city'),
      direct('addresses[type eq "work"].region', 'state'),
      direct('addresses[type eq "work"].postalCode', 'postalCode'),
      direct('addresses[type eq "work"].country', 'country'),
      direct('phoneNumbers[type eq "work"].value', 'telephoneNumber'),
      direct('phoneNumbers[type eq "mobile"].value', 'mobile'),
      direct('phoneNumbers[type eq "fax"].value', 'facsimileTelephoneNumber'),
      direct('externalId', 'mailNickname'),
      direct(`${ENTERPRISE}:employeeNumber`, 'employeeId'),
      direct(`${ENTERPRISE}:department`, 'department'),
      direct(`${ENTERPRISE}:manager`, 'manager'),
    ]),
    groups: GROUPS,
  },
  rules: { groupRename: 'supported', bulk: 'discover' },
};

/** Atlassian Cloud's user provisioning API, with the mappings of Microsoft's Atlassian Cloud tutorial. */
const ATLASSIAN_CLOUD: ConnectorProfile = {
  name: 'atlassian-cloud',
  description:
    'Atlassian Cloud user provisioning (filters only on userName/externalId and displayName, pages of 100, no group renames)',
  mappings: {
    users: objectMapping([
      direct('userName', 'userPrincipalName', 1),
      expression('active', 'Switch([IsSoftDeleted], , "False", "True", "True", "False")'),
      direct('name.familyName', 'surname'),
      direct('name.givenName', 'givenName'),
      direct('emails[type eq "work"].value', 'mail'),
    ]),
    groups: GROUPS,
  },
  rules: {
    filterableAttributes: { Users: ['userName', 'externalId'], Groups: ['displayName'] },
    maxPageSize: 100,
    groupRename: 'unsupported',
    // Atlassian documents no /Bulk endpoint: one POST per object, as Entra sends.
    bulk: 'unsupported',
  },
};

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The built-in target profiles, by name. */
export const CONNECTOR_PROFILES: Readonly<Record<ConnectorProfile['name'], ConnectorProfile>> = deepFreeze({
  'generic-scim': GENERIC_SCIM,
  'atlassian-cloud': ATLASSIAN_CLOUD,
});
