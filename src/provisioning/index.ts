/**
 * The provisioning engine: jobs, the expression language, mappings and scoping, the pure
 * planner, the SCIM client, and cycles that keep a SCIM app in step with the directory.
 * @module
 */
export * from './service/index.js';
export * from './cycle/index.js';
export * from './job/index.js';
export * from './secrets/index.js';
export * from './errors.js';
export {
  CONNECTOR_PROFILES,
  MAPPING_TYPES,
  SCOPING_OPERATORS,
  MappingValidationError,
  type AttributeMapping,
  type ConnectorProfile,
  type JobMappings,
  type ObjectMapping,
  type ScopingClause,
  type ScopingFilter,
  type ScopingOperator,
} from './mapping/index.js';
export {
  ScimClient,
  ScimClientError,
  testConnection,
  type ConnectionCheck,
  type ConnectionTestResult,
  type ScimRequestEvent,
} from './scim-client/index.js';
export {
  EXPRESSION_FUNCTIONS,
  ExpressionSyntaxError,
  evaluateExpression,
  parseExpression,
} from './expressions/index.js';
