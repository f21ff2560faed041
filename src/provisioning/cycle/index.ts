export { runCycle, type CycleDependencies, type CycleInput } from './run-cycle.js';
export type { CycleClock } from './cycle-context.js';
export {
  OBJECT_ACTIONS,
  OBJECT_OUTCOMES,
  REDACTED,
  type CycleEvent,
  type CycleSummary,
  type ObjectAction,
  type ObjectEvent,
  type ObjectOutcome,
  type ProgressEvent,
} from './cycle-events.js';
export { CycleAbortedError, UniqueValueError } from './cycle-errors.js';
export { filterLiteral } from './matcher.js';
