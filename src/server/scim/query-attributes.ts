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

export function planProjection(schema: ResourceSchema, options: ProjectionOptions = {}): ResourceProjection {
  const project = compileProjection(schema, options);
  return {
    project,
    wants(attribute) {
      const definition = schema.findAttribute(attribute)?.definition;
      if (definition === undefined) return false;
      return project({ [definition.name]: probeValue(definition) })[definition.name] !== undefined;
    },
  };
}
