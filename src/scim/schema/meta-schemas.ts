import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './attribute.js';

/** `schemas` values of the discovery resources (RFC 7643 §5, §6, §7). */
export const SCHEMA_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SERVICE_PROVIDER_CONFIG_SCHEMA_ID =
  'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';

/** An attribute as served in a Schema resource (RFC 7643 §7). */
export interface AttributeRepresentation {
  name: string;
  type: string;
  multiValued: boolean;
  description?: string;
  required: boolean;
  caseExact?: boolean;
  canonicalValues?: string[];
  referenceTypes?: string[];
  mutability: string;
  returned: string;
  uniqueness: string;
  subAttributes?: AttributeRepresentation[];
}

export interface DiscoveryMeta {
  resourceType: 'Schema' | 'ResourceType' | 'ServiceProviderConfig';
  location?: string;
}

/** The JSON served at `/Schemas/{id}` (RFC 7643 §7). */
export interface SchemaResource {
  schemas: [typeof SCHEMA_SCHEMA_ID];
  id: string;
  name: string;
  description?: string;
  attributes: AttributeRepresentation[];
  meta: DiscoveryMeta;
}

/** The JSON served at `/ResourceTypes/{name}` (RFC 7643 §6). */
export interface ResourceTypeResource {
  schemas: [typeof RESOURCE_TYPE_SCHEMA_ID];
  id: string;
  name: string;
  description?: string;
  endpoint: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: DiscoveryMeta;
}

function toAttributeRepresentation(attribute: AttributeDefinition): AttributeRepresentation {
  const out: AttributeRepresentation = {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    required: attribute.required,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
  };
  if (attribute.description !== undefined) out.description = attribute.description;
  // §8.7.1 gives complex attributes no caseExact: it has no meaning for them (§2.2).
  if (attribute.type !== 'complex') out.caseExact = attribute.caseExact;
  if (attribute.canonicalValues !== undefined) out.canonicalValues = [...attribute.canonicalValues];
  if (attribute.referenceTypes !== undefined) out.referenceTypes = [...attribute.referenceTypes];
  if (attribute.type === 'complex')
    out.subAttributes = (attribute.subAttributes ?? []).map(toAttributeRepresentation);
  return out;
}

/**
 * The Schema resource for one schema definition, as served at `/Schemas/{id}` (RFC 7643 §7,
 * examples in §8.7.1). `location` defaults to the relative `/Schemas/{id}`.
 *
 * @example toSchemaResource(CORE_USER_SCHEMA, 'https://example.com/v2/Schemas/' + CORE_USER_SCHEMA_ID)
 */
export function toSchemaResource(schema: SchemaDefinition, location?: string): SchemaResource {
  const out: SchemaResource = {
    schemas: [SCHEMA_SCHEMA_ID],
    id: schema.id,
    name: schema.name,
    attributes: schema.attributes.map(toAttributeRepresentation),
    meta: { resourceType: 'Schema', location: location ?? `/Schemas/${schema.id}` },
  };
  if (schema.description !== undefined) out.description = schema.description;
  return out;
}

/** The ResourceType resource (RFC 7643 §6, example in §8.6). */
export function toResourceTypeResource(
  resourceType: ResourceTypeDefinition,
  location?: string,
): ResourceTypeResource {
  const out: ResourceTypeResource = {
    schemas: [RESOURCE_TYPE_SCHEMA_ID],
    id: resourceType.id,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    schema: resourceType.schema,
    schemaExtensions: resourceType.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location: location ?? `/ResourceTypes/${resourceType.id}` },
  };
  if (resourceType.description !== undefined) out.description = resourceType.description;
  return out;
}

export {
  buildServiceProviderConfig,
  type ServiceProviderConfig,
  type ServiceProviderConfigOptions,
} from './service-provider-config.js';
