import {
  compileProjection,
  invalidFilter,
  invalidValue,
  printAttributePath,
  resolveAttributePath,
  ScimError,
  type AttributeDefinition,
  type AttributePath,
  type Filter,
  type JsonObject,
  type ProjectionOptions,
  type Projector,
  type ResourceSchema,
} from '../../scim/index.js';

/**
 * The first attribute of a filter the resource type does not define, or undefined. In a
 * value filter (`emails[type eq "work"]`) inner paths are sub-attributes of the outer one.
 */
export function findUnknownFilterAttribute(filter: Filter, schema: ResourceSchema): string | undefined {
  switch (filter.kind) {
    case 'comparison':
    case 'present':
      return resolves(filter.path, schema) === undefined ? printAttributePath(filter.path) : undefined;
    case 'logical':
      return (
        findUnknownFilterAttribute(filter.left, schema) ?? findUnknownFilterAttribute(filter.right, schema)
      );
    case 'not':
      return findUnknownFilterAttribute(filter.filter, schema);
    case 'valuePath': {
      const parent = resolves(filter.path, schema);
      if (parent === undefined) return printAttributePath(filter.path);
      return findUnknownSubAttribute(filter.filter, parent, schema, printAttributePath(filter.path));
    }
  }
}

function findUnknownSubAttribute(
  filter: Filter,
  parent: AttributeDefinition,
  schema: ResourceSchema,
  prefix: string,
): string | undefined {
  switch (filter.kind) {
    case 'comparison':
    case 'present':
      return schema.findSubAttribute(parent, filter.path.attribute) === undefined
        ? `${prefix}.${filter.path.attribute}`
        : undefined;
    case 'logical':
      return (
        findUnknownSubAttribute(filter.left, parent, schema, prefix) ??
        findUnknownSubAttribute(filter.right, parent, schema, prefix)
      );
    case 'not':
      return findUnknownSubAttribute(filter.filter, parent, schema, prefix);
    case 'valuePath':
      return `${prefix}.${printAttributePath(filter.path)}`;
  }
}

function resolves(path: AttributePath, schema: ResourceSchema): AttributeDefinition | undefined {
  try {
    return resolveAttributePath(path, schema).definition;
  } catch (error) {
    if (error instanceof ScimError) return undefined;
    throw error;
  }
}

/**
 * RFC 7644 §3.4.2.2 leaves unknown filter attributes to the provider; we answer
 * `invalidFilter` naming the attribute, since a filter that silently matches nothing makes an
 * identity provider create duplicates.
 */
export function assertFilterAttributes(filter: Filter, schema: ResourceSchema): void {
  const unknown = findUnknownFilterAttribute(filter, schema);
  if (unknown !== undefined)
    throw invalidFilter(`"${unknown}" is not an attribute of the ${schema.resourceType.name} resource type`);
}

/** `sortBy` naming an unknown attribute is `invalidValue`: it is a parameter value, not a filter. */
export function assertSortAttribute(sortBy: AttributePath, schema: ResourceSchema): void {
  if (resolves(sortBy, schema) === undefined) {
    throw invalidValue(
      `sortBy "${printAttributePath(sortBy)}" is not an attribute of the ${schema.resourceType.name} resource type`,
    );
  }
}

/** A compiled projection, able to tell whether a derived attribute (user `groups`, group `members`) is wanted. */
export interface ResourceProjection {
  readonly project: Projector;
  wants(attribute: string): boolean;
}

function probeValue(definition: AttributeDefinition): unknown {
  if (definition.type !== 'complex') return 'x';
  const item: JsonObject = {};
  for (const sub of definition.subAttributes ?? []) item[sub.name] = 'x';
  return definition.multiValued ? [item] : item;
}

/**
 * The projection of a request, compiled once per schema and parameter text: clients send the
 * same few `attributes` values on every request, and compiling showed up in GET-by-id profiles.
 */
export function planProjection(schema: ResourceSchema, options: ProjectionOptions = {}): ResourceProjection {
  const key = projectionKey(options);
  if (key === undefined) return buildProjection(schema, options);
  let cache = projectionCache.get(schema);
  if (cache === undefined) {
    cache = new Map();
    projectionCache.set(schema, cache);
  }
  let plan = cache.get(key);
  if (plan === undefined) {
    if (cache.size >= PROJECTION_CACHE_SIZE) cache.clear();
    plan = buildProjection(schema, options);
    cache.set(key, plan);
  }
  return plan;
}

const PROJECTION_CACHE_SIZE = 256;
const projectionCache = new WeakMap<ResourceSchema, Map<string, ResourceProjection>>();

/** A cache key for parameter text; undefined for pre-parsed paths (not worth keying). */
function projectionKey(options: ProjectionOptions): string | undefined {
  const { attributes, excludedAttributes } = options;
  if (typeof attributes === 'object' || typeof excludedAttributes === 'object') return undefined;
  return `${attributes ?? ''}\u0000${excludedAttributes ?? ''}`;
}

function buildProjection(schema: ResourceSchema, options: ProjectionOptions): ResourceProjection {
  const project = compileProjection(schema, options);
  const wanted = new Map<string, boolean>();
  return {
    project,
    wants(attribute) {
      let answer = wanted.get(attribute);
      if (answer === undefined) {
        const definition = schema.findAttribute(attribute)?.definition;
        answer =
          definition !== undefined &&
          project({ [definition.name]: probeValue(definition) })[definition.name] !== undefined;
        wanted.set(attribute, answer);
      }
      return answer;
    },
  };
}
