/**
 * Attribute mappings, scoping filters and connector profiles: what a source object becomes in
 * the target, which objects are in scope, and the value diff the planner writes. Pure: no I/O.
 * @module
 */
export {
  MAPPING_APPLY,
  MAPPING_TYPES,
  type AttributeMapping,
  type CompiledObjectMapping,
  type FlatValues,
  type JobMappings,
  type JsonValue,
  type MapContext,
  type MappedObject,
  type MappedResourceType,
  type MappingApply,
  type MappingType,
  type ObjectMapping,
  type SourceObject,
} from './mapping-types.js';
export {
  MAPPING_ISSUE_CODES,
  MappingValidationError,
  type MappingIssue,
  type MappingIssueCode,
} from './mapping-errors.js';
export {
  SCOPING_OPERATORS,
  compileScoping,
  validateScoping,
  type ScopingClause,
  type ScopingFilter,
  type ScopingOperator,
} from './scoping.js';
export { validateJobMappings } from './validate-mappings.js';
export { compileObjectMapping } from './compile-mapping.js';
export { diffValues, type DiffValuesOptions, type ValueChange } from './diff-values.js';
export { buildResource, buildResourceByPatch, readValues } from './resource-values.js';
export { coerceToAttribute } from './coerce-value.js';
export { CONNECTOR_PROFILES, type ConnectorProfile, type TargetRules } from './connector-profiles.js';
