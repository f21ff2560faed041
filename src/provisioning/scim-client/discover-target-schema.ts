import {
  CORE_GROUP_SCHEMA,
  CORE_GROUP_SCHEMA_ID,
  CORE_USER_SCHEMA,
  CORE_USER_SCHEMA_ID,
  ENTERPRISE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA_ID,
  GROUP_RESOURCE_TYPE,
  RESOURCE_TYPE_SCHEMA_ID,
  SCHEMA_SCHEMA_ID,
  SERVICE_PROVIDER_CONFIG_SCHEMA_ID,
  SchemaRegistry,
  USER_RESOURCE_TYPE,
  getMember,
  type JsonObject,
  type ResourceTypeDefinition,
  type SchemaDefinition,
  type SchemaExtensionRef,
} from '../../scim/index.js';
import { listedResources, type ScimClient } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';
import { schemaFromResource } from './schema-from-resource.js';

export interface DiscoveredTargetSchema {
  readonly registry: SchemaRegistry;
  /** What was assumed or skipped, in words for the admin. */
  readonly warnings: string[];
}

/** Statuses that mean "this target has no such discovery endpoint" rather than "something broke". */
const ABSENT_STATUSES: ReadonlySet<number> = new Set([404, 501]);

/** Schemas of discovery itself and of messages: not attribute sets a mapping can target. */
function isProtocolSchema(id: string): boolean {
  const lower = id.toLowerCase();
  return (
    lower.startsWith('urn:ietf:params:scim:api:') ||
    [SCHEMA_SCHEMA_ID, RESOURCE_TYPE_SCHEMA_ID, SERVICE_PROVIDER_CONFIG_SCHEMA_ID].some(
      (m) => m.toLowerCase() === lower,
    )
  );
}

/** Our own definitions of the core schemas, used when a target names one without serving it. */
const KNOWN_SCHEMAS: ReadonlyMap<string, SchemaDefinition> = new Map(
  [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA].map((s) => [s.id.toLowerCase(), s]),
);

function isAbsent(error: unknown): boolean {
  return error instanceof ScimClientError && error.status !== undefined && ABSENT_STATUSES.has(error.status);
}

/** Makes sure `urn` is in the registry, borrowing the core definition if the target did not serve it. */
function ensureSchema(registry: SchemaRegistry, urn: string, warnings: string[]): boolean {
  if (registry.getSchema(urn) !== undefined) return true;
  const known = KNOWN_SCHEMAS.get(urn.toLowerCase());
  if (known === undefined) return false;
  registry.addSchema(known);
  warnings.push(`The target does not list ${urn} in /Schemas; the standard definition is assumed.`);
  return true;
}

function readResourceType(raw: JsonObject, warnings: string[]): ResourceTypeDefinition | undefined {
  const name = getMember(raw, 'name');
  const endpoint = getMember(raw, 'endpoint');
  const schema = getMember(raw, 'schema');
  if (typeof name !== 'string' || typeof endpoint !== 'string' || typeof schema !== 'string') {
    warnings.push(
      `Skipped a resource type without name, endpoint or schema: ${JSON.stringify(raw).slice(0, 200)}`,
    );
    return undefined;
  }
  const id = getMember(raw, 'id');
  const description = getMember(raw, 'description');
  const rawExtensions = getMember(raw, 'schemaExtensions');
  const schemaExtensions: SchemaExtensionRef[] = [];
  for (const item of Array.isArray(rawExtensions) ? (rawExtensions as unknown[]) : []) {
    const extension = typeof item === 'object' && item !== null ? (item as JsonObject) : {};
    const urn = getMember(extension, 'schema');
    if (typeof urn === 'string')
      schemaExtensions.push({ schema: urn, required: getMember(extension, 'required') === true });
  }
  return {
    id: typeof id === 'string' ? id : name,
    name,
    endpoint,
    schema,
    schemaExtensions,
    ...(typeof description === 'string' ? { description } : {}),
  };
}

/** Adds a resource type, dropping what refers to schemas neither the target nor the core defines. */
function addResourceType(
  registry: SchemaRegistry,
  resourceType: ResourceTypeDefinition,
  warnings: string[],
): void {
  if (!ensureSchema(registry, resourceType.schema, warnings)) {
    warnings.push(
      `Skipped resource type ${resourceType.name}: its schema ${resourceType.schema} is not in /Schemas.`,
    );
    return;
  }
  const schemaExtensions = resourceType.schemaExtensions.filter((extension) => {
    if (ensureSchema(registry, extension.schema, warnings)) return true;
    warnings.push(`Ignored extension ${extension.schema} of ${resourceType.name}: it is not in /Schemas.`);
    return false;
  });
  registry.addResourceType({ ...resourceType, schemaExtensions });
}

/** Without /ResourceTypes: core User with the Enterprise extension, core Group, custom extensions by name. */
function assumeResourceTypes(registry: SchemaRegistry, warnings: string[]): void {
  const core = new Set(
    [CORE_USER_SCHEMA_ID, CORE_GROUP_SCHEMA_ID, ENTERPRISE_USER_SCHEMA_ID].map((s) => s.toLowerCase()),
  );
  const userExtensions: SchemaExtensionRef[] = [{ schema: ENTERPRISE_USER_SCHEMA_ID, required: false }];
  const groupExtensions: SchemaExtensionRef[] = [];
  for (const schema of registry.listSchemas()) {
    if (core.has(schema.id.toLowerCase())) continue;
    // Nothing says which resource a custom extension belongs to; its URN's last part usually does.
    const forGroup = /group/i.test(schema.id.split(':').pop() ?? '');
    (forGroup ? groupExtensions : userExtensions).push({ schema: schema.id, required: false });
    warnings.push(
      `Assumed that ${schema.id} extends ${forGroup ? 'Group' : 'User'} (the target has no /ResourceTypes).`,
    );
  }
  addResourceType(registry, { ...USER_RESOURCE_TYPE, schemaExtensions: userExtensions }, warnings);
  addResourceType(registry, { ...GROUP_RESOURCE_TYPE, schemaExtensions: groupExtensions }, warnings);
}

async function readResourceTypes(client: ScimClient, warnings: string[]): Promise<JsonObject[] | undefined> {
  try {
    const response = await client.request('GET', '/ResourceTypes');
    const resources = listedResources(response.body);
    if (resources !== undefined && resources.length > 0) return resources;
    warnings.push(
      'The target lists no resource types; assuming core User (with the Enterprise extension) and Group.',
    );
  } catch (error) {
    if (!(error instanceof ScimClientError)) throw error;
    warnings.push(
      isAbsent(error)
        ? `The target does not publish /ResourceTypes (${error.status}); assuming core User (with the Enterprise extension) and Group.`
        : `Could not read /ResourceTypes (${error.message}); assuming core User (with the Enterprise extension) and Group.`,
    );
  }
  return undefined;
}

/**
 * The target's schemas and resource types as a {@link SchemaRegistry}, custom extensions
 * included, so mapping validation can reject attributes the target lacks. Falls back to the SCIM
 * core schemas when the target has no /Schemas (404/501). Other failures (401, network) throw.
 */
export async function discoverTargetSchema(client: ScimClient): Promise<DiscoveredTargetSchema> {
  const warnings: string[] = [];
  let resources: JsonObject[];
  try {
    resources = await client.schemas();
  } catch (error) {
    if (!(error instanceof ScimClientError) || !isAbsent(error)) throw error;
    warnings.push(
      `The target does not publish /Schemas (${error.status ?? ''}); assuming the SCIM core User (with the Enterprise extension) and Group schemas.`,
    );
    return { registry: SchemaRegistry.withCoreSchemas(), warnings };
  }
  const registry = new SchemaRegistry();
  for (const resource of resources) {
    const { schema, warnings: schemaWarnings } = schemaFromResource(resource);
    warnings.push(...schemaWarnings);
    if (schema === undefined || isProtocolSchema(schema.id)) continue;
    try {
      registry.addSchema(schema);
    } catch (error) {
      // addSchema rejects a second schema with the same id: keep the first, as for attributes.
      if (!(error instanceof TypeError)) throw error;
      warnings.push(`Skipped schema ${schema.id}: ${error.message}.`);
    }
  }
  if (registry.listSchemas().length === 0) {
    warnings.push('The target lists no usable schemas in /Schemas; assuming the SCIM core schemas.');
    return { registry: SchemaRegistry.withCoreSchemas(), warnings };
  }
  const resourceTypes = await readResourceTypes(client, warnings);
  if (resourceTypes === undefined) {
    assumeResourceTypes(registry, warnings);
  } else {
    for (const raw of resourceTypes) {
      const resourceType = readResourceType(raw, warnings);
      if (resourceType !== undefined) addResourceType(registry, resourceType, warnings);
    }
  }
  return { registry, warnings };
}
