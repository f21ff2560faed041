import type {
  ApplicationRecord,
  AssignmentRecord,
  DirectoryGroupRecord,
  DirectoryStore,
  DirectoryUserRecord,
} from '../../store/index.js';
import type { ExpressionValue } from '../expressions/index.js';
import type { SourceObject } from '../mapping/index.js';
import type { EntitlementReason } from '../planner/index.js';

/** The slice of the directory the engine reads; the directory store is one, a connector can be another. */
export type ProvisioningSource = Pick<
  DirectoryStore,
  | 'listUsers'
  | 'listGroups'
  | 'getUsers'
  | 'directReports'
  | 'getGroups'
  | 'listMembers'
  | 'groupsOf'
  | 'assignmentsOfPrincipals'
  | 'getApplication'
  | 'changesSince'
  | 'currentWatermark'
  | 'countUsers'
>;

/** A user's standing with the application: assigned directly or through a group, and its roles. */
export interface Entitlement {
  readonly assigned: boolean;
  readonly appRoleAssignments: readonly { id: string; value: string; displayName: string }[];
}

/** Assignments of a batch of users, direct or through their (direct) groups, in two queries. */
export async function userEntitlements(
  source: ProvisioningSource,
  app: ApplicationRecord,
  userIds: readonly string[],
): Promise<Map<string, Entitlement>> {
  const groupsOf = await source.groupsOf(userIds);
  const groupIds = new Set<string>();
  for (const ids of groupsOf.values()) for (const id of ids) groupIds.add(id);
  const assignments = await source.assignmentsOfPrincipals(app.id, [...userIds, ...groupIds]);
  const byPrincipal = new Map<string, AssignmentRecord[]>();
  for (const assignment of assignments) {
    const list = byPrincipal.get(assignment.principalId) ?? [];
    list.push(assignment);
    byPrincipal.set(assignment.principalId, list);
  }
  const roles = new Map(app.appRoles.map((role) => [role.id, role]));
  const result = new Map<string, Entitlement>();
  for (const userId of userIds) {
    const found = [...(byPrincipal.get(userId) ?? [])];
    for (const groupId of groupsOf.get(userId) ?? []) found.push(...(byPrincipal.get(groupId) ?? []));
    const seen = new Set<string>();
    const appRoleAssignments = [];
    for (const assignment of found) {
      if (seen.has(assignment.appRoleId)) continue;
      seen.add(assignment.appRoleId);
      const role = roles.get(assignment.appRoleId);
      if (role !== undefined)
        appRoleAssignments.push({ id: role.id, value: role.value, displayName: role.displayName });
    }
    result.set(userId, { assigned: found.length > 0, appRoleAssignments });
  }
  return result;
}

/** Groups with a direct assignment to the application. */
export async function assignedGroups(
  source: ProvisioningSource,
  app: ApplicationRecord,
  groupIds: readonly string[],
): Promise<Set<string>> {
  const assignments = await source.assignmentsOfPrincipals(app.id, groupIds);
  return new Set(assignments.map((a) => a.principalId));
}

/** The user as mappings see it, before `IsSoftDeleted` is known (scoping filters run on this). */
export function userSourceObject(
  user: DirectoryUserRecord,
  entitlement: Entitlement | undefined,
): Record<string, ExpressionValue> {
  const attributes = user.attributes as Record<string, ExpressionValue>;
  const phones = attributes.businessPhones;
  return {
    // Entra's default SCIM mappings name the on-premises attributes; Graph stores them under these.
    telephoneNumber: Array.isArray(phones) ? ((phones as ExpressionValue[])[0] ?? null) : null,
    mobile: attributes.mobilePhone ?? null,
    facsimileTelephoneNumber: attributes.faxNumber ?? null,
    physicalDeliveryOfficeName: attributes.officeLocation ?? null,
    ...attributes,
    objectId: user.id,
    manager: user.managerId ?? null,
    appRoleAssignments: (entitlement?.appRoleAssignments ?? []).map((r) => ({ ...r })),
  };
}

export function groupSourceObject(group: DirectoryGroupRecord): Record<string, ExpressionValue> {
  return { ...(group.attributes as Record<string, ExpressionValue>), objectId: group.id };
}

/**
 * Entra's `IsSoftDeleted` reasons, first applicable wins: not assigned, filtered out by scoping,
 * in the recycle bin, or `accountEnabled` false.
 */
export function entitlementOf(
  object: SourceObject,
  options: { assigned: boolean; inScope: boolean; softDeleted: boolean },
): EntitlementReason | undefined {
  if (!options.assigned) return 'NotEffectivelyEntitled';
  if (!options.inScope) return 'OutOfScope';
  if (options.softDeleted) return 'SoftDeleted';
  const enabled = object.accountEnabled;
  if (enabled === false || enabled === 'False' || enabled === 'false') return 'AccountDisabled';
  return undefined;
}
