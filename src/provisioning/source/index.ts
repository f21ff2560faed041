export {
  assignedGroups,
  entitlementOf,
  groupSourceObject,
  userEntitlements,
  userSourceObject,
  type Entitlement,
  type ProvisioningSource,
} from './provisioning-source.js';
