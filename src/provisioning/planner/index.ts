/**
 * The planner: pure decisions from what the source wants and what was last written to the target.
 * @module
 */
export {
  ENTITLEMENT_REASONS,
  batches,
  planAfterMatch,
  planMembers,
  planObject,
  type DesiredObject,
  type EntitlementReason,
  type MatchOutcome,
  type PathOperation,
  type PlanOptions,
  type PlannedAction,
  type PlannedAfterMatch,
} from './plan-object.js';
