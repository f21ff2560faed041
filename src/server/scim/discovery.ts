import {
  buildListResponse,
  buildServiceProviderConfig,
  ScimError,
  toResourceTypeResource,
  toSchemaResource,
  type ListResponse,
  type ResourceTypeResource,
  type SchemaResource,
  type ServiceProviderConfig,
} from '../../scim/index.js';
import type { ScimContext } from './scim-context.js';
import type { ScimServiceDeps } from './scim-service-deps.js';

/**
 * `/ServiceProviderConfig` (RFC 7643 §5, RFC 9865 §5): exactly what this service does — PATCH,
 * Bulk within its limits, filters up to a page of `maxPageSize`, sort, ETags, index and cursor
 * paging, bearer tokens; no password change.
 */
export function serviceProviderConfig(deps: ScimServiceDeps, ctx: ScimContext): ServiceProviderConfig {
  const { limits } = deps;
  return buildServiceProviderConfig({
    patch: true,
    bulk: { maxOperations: limits.bulkMaxOperations, maxPayloadSize: limits.bulkMaxPayloadSize },
    filter: { maxResults: limits.maxPageSize },
    changePassword: false,
    sort: true,
    etag: true,
    pagination: {
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: limits.defaultPageSize,
      maxPageSize: limits.maxPageSize,
      cursorTimeout: limits.cursorTimeout,
    },
    location: `${ctx.baseUrl}/ServiceProviderConfig`,
  });
}

function schemaResource(ctx: ScimContext, schema: Parameters<typeof toSchemaResource>[0]): SchemaResource {
  return toSchemaResource(schema, `${ctx.baseUrl}/Schemas/${schema.id}`);
}

/** `/Schemas` (RFC 7644 §4): the schemas of the served resource types. */
export function listSchemas(deps: ScimServiceDeps, ctx: ScimContext): ListResponse<SchemaResource> {
  const resources = deps.registry.listSchemas().map((schema) => schemaResource(ctx, schema));
  return buildListResponse({ resources, totalResults: resources.length, startIndex: 1 });
}

export function getSchema(deps: ScimServiceDeps, ctx: ScimContext, urn: string): SchemaResource {
  const schema = deps.registry.getSchema(urn);
  if (schema === undefined) throw new ScimError(404, undefined, `Schema "${urn}" not found`);
  return schemaResource(ctx, schema);
}

function resourceTypeResource(
  ctx: ScimContext,
  resourceType: Parameters<typeof toResourceTypeResource>[0],
): ResourceTypeResource {
  return toResourceTypeResource(resourceType, `${ctx.baseUrl}/ResourceTypes/${resourceType.id}`);
}

/** `/ResourceTypes` (RFC 7644 §4). */
export function listResourceTypes(
  deps: ScimServiceDeps,
  ctx: ScimContext,
): ListResponse<ResourceTypeResource> {
  const resources = deps.registry.listResourceTypes().map((type) => resourceTypeResource(ctx, type));
  return buildListResponse({ resources, totalResults: resources.length, startIndex: 1 });
}

export function getResourceType(deps: ScimServiceDeps, ctx: ScimContext, name: string): ResourceTypeResource {
  const resourceType = deps.registry.getResourceType(name);
  if (resourceType === undefined) throw new ScimError(404, undefined, `ResourceType "${name}" not found`);
  return resourceTypeResource(ctx, resourceType);
}
