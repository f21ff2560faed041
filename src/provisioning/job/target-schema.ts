import { SchemaRegistry, toSchemaResource, type JsonObject, type ResourceSchema } from '../../scim/index.js';
import { schemaFromResource } from '../scim-client/index.js';

/**
 * The target's User and Group schemas as discovered when the job was saved, kept with the job so
 * cycles compile mappings against what the target really has without asking it every cycle (a
 * cycle with nothing to do must send no request).
 */
export interface TargetSchemaSnapshot {
  readonly User: { readonly schema: JsonObject; readonly extensions: readonly JsonObject[] };
  readonly Group: { readonly schema: JsonObject; readonly extensions: readonly JsonObject[] };
}

const RESOURCE_TYPES = ['User', 'Group'] as const;

export function snapshotTargetSchema(registry: SchemaRegistry): TargetSchemaSnapshot {
  const part = (name: 'User' | 'Group'): TargetSchemaSnapshot['User'] => {
    const type = registry.getResourceType(name);
    const fallback = SchemaRegistry.withCoreSchemas();
    const source = type === undefined ? fallback : registry;
    const resourceType = source.getResourceType(name)!;
    const main = source.getSchema(resourceType.schema)!;
    return {
      schema: toSchemaResource(main) as unknown as JsonObject,
      extensions: resourceType.schemaExtensions
        .map((ext) => source.getSchema(ext.schema))
        .filter((s) => s !== undefined)
        .map((s) => toSchemaResource(s) as unknown as JsonObject),
    };
  };
  return { User: part('User'), Group: part('Group') };
}

/** The resource schemas to compile mappings against: the snapshot's, or the RFC core when none was taken. */
export function targetSchemas(snapshot: TargetSchemaSnapshot | undefined): {
  users: ResourceSchema;
  groups: ResourceSchema;
} {
  if (snapshot === undefined) {
    const core = SchemaRegistry.withCoreSchemas();
    return { users: core.resourceSchema('User'), groups: core.resourceSchema('Group') };
  }
  const registry = new SchemaRegistry();
  for (const name of RESOURCE_TYPES) {
    const part = snapshot[name];
    const main = schemaFromResource(part.schema).schema!;
    registry.addSchema(main);
    const extensions = part.extensions
      .map((e) => schemaFromResource(e).schema!)
      .filter((s) => s !== undefined);
    for (const ext of extensions) if (registry.getSchema(ext.id) === undefined) registry.addSchema(ext);
    registry.addResourceType({
      id: name,
      name,
      endpoint: `/${name}s`,
      schema: main.id,
      schemaExtensions: extensions.map((e) => ({ schema: e.id, required: false })),
    });
  }
  return { users: registry.resourceSchema('User'), groups: registry.resourceSchema('Group') };
}
