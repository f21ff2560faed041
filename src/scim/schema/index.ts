/**
 * Schemas and resource types as data (RFC 7643 §2, §4–§8): attribute definitions, the core
 * User/Group and Enterprise User schemas, the schema registry and the discovery resources.
 * @module
 */
export {
  ATTRIBUTE_TYPES,
  MUTABILITIES,
  RETURNED,
  UNIQUENESS,
  defineAttribute,
  type AttributeDefinition,
  type AttributeType,
  type Mutability,
  type ResourceTypeDefinition,
  type Returned,
  type SchemaDefinition,
  type SchemaExtensionRef,
  type Uniqueness,
} from './attribute.js';
export { COMMON_ATTRIBUTES } from './common-attributes.js';
export { CORE_USER_SCHEMA, CORE_USER_SCHEMA_ID, USER_RESOURCE_TYPE } from './core-user.js';
export { CORE_GROUP_SCHEMA, CORE_GROUP_SCHEMA_ID, GROUP_RESOURCE_TYPE } from './core-group.js';
export { ENTERPRISE_USER_SCHEMA, ENTERPRISE_USER_SCHEMA_ID } from './enterprise-user.js';
export {
  ResourceSchema,
  SchemaRegistry,
  findSubAttribute,
  type ResolvedAttribute,
  type SchemaRegistryInit,
} from './schema-registry.js';
export {
  RESOURCE_TYPE_SCHEMA_ID,
  SCHEMA_SCHEMA_ID,
  SERVICE_PROVIDER_CONFIG_SCHEMA_ID,
  toResourceTypeResource,
  toSchemaResource,
  type AttributeRepresentation,
  type DiscoveryMeta,
  type ResourceTypeResource,
  type SchemaResource,
} from './meta-schemas.js';
export {
  OAUTH_BEARER_TOKEN_SCHEME,
  buildServiceProviderConfig,
  type AuthenticationScheme,
  type PaginationConfig,
  type ServiceProviderConfig,
  type ServiceProviderConfigOptions,
} from './service-provider-config.js';
