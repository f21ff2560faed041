import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './attribute.js';
import { COMMON_ATTRIBUTES } from './common-attributes.js';
import { CORE_GROUP_SCHEMA, GROUP_RESOURCE_TYPE } from './core-group.js';
import { CORE_USER_SCHEMA, USER_RESOURCE_TYPE } from './core-user.js';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';

/** Where an attribute name resolved to within one resource type. */
export interface ResolvedAttribute {
  readonly definition: AttributeDefinition;
  /** The schema that declares it; `undefined` for the common attributes id, externalId and meta. */
  readonly schemaUrn: string | undefined;
  /** True when the value lives in the resource under its extension URN key (RFC 7643 §3.3). */
  readonly inExtension: boolean;
}

const subAttributeIndex = new WeakMap<AttributeDefinition, Map<string, AttributeDefinition>>();

function indexByName(attributes: readonly AttributeDefinition[]): Map<string, AttributeDefinition> {
  const map = new Map<string, AttributeDefinition>();
  for (const attribute of attributes) map.set(attribute.name.toLowerCase(), attribute);
  return map;
}

/** Looks up a sub-attribute of a complex attribute, case-insensitively (RFC 7643 §2.1). */
export function findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
  if (parent.subAttributes === undefined) return undefined;
  let index = subAttributeIndex.get(parent);
  if (index === undefined) {
    index = indexByName(parent.subAttributes);
    subAttributeIndex.set(parent, index);
  }
  return index.get(name.toLowerCase());
}

/**
 * The attributes one resource type has: its core schema, the common attributes and its
 * extensions, indexed for case-insensitive lookup. Obtained from {@link SchemaRegistry.resourceSchema}.
 */
export class ResourceSchema {
  readonly resourceType: ResourceTypeDefinition;
  readonly core: SchemaDefinition;
  readonly extensions: readonly { readonly schema: SchemaDefinition; readonly required: boolean }[];
  readonly #coreIndex: Map<string, ResolvedAttribute>;
  readonly #extensionIndex: Map<
    string,
    { schema: SchemaDefinition; attributes: Map<string, ResolvedAttribute> }
  >;

  constructor(
    resourceType: ResourceTypeDefinition,
    core: SchemaDefinition,
    extensions: readonly { readonly schema: SchemaDefinition; readonly required: boolean }[],
  ) {
    this.resourceType = resourceType;
    this.core = core;
    this.extensions = extensions;
    this.#coreIndex = new Map();
    for (const definition of COMMON_ATTRIBUTES) {
      this.#coreIndex.set(definition.name.toLowerCase(), {
        definition,
        schemaUrn: undefined,
        inExtension: false,
      });
    }
    for (const definition of core.attributes) {
      this.#coreIndex.set(definition.name.toLowerCase(), {
        definition,
        schemaUrn: core.id,
        inExtension: false,
      });
    }
    this.#extensionIndex = new Map();
    for (const { schema } of extensions) {
      const attributes = new Map<string, ResolvedAttribute>();
      for (const definition of schema.attributes) {
        attributes.set(definition.name.toLowerCase(), {
          definition,
          schemaUrn: schema.id,
          inExtension: true,
        });
      }
      this.#extensionIndex.set(schema.id.toLowerCase(), { schema, attributes });
    }
  }

  /** Every schema URN a resource of this type may list in `schemas`. */
  get schemaUrns(): readonly string[] {
    return [this.core.id, ...this.extensions.map((e) => e.schema.id)];
  }

  /**
   * Resolves a top-level attribute. With a `schemaUrn` (from a fully qualified path) only that
   * schema is searched; the core schema's URN also reaches the common attributes.
   */
  findAttribute(name: string, schemaUrn?: string): ResolvedAttribute | undefined {
    const key = name.toLowerCase();
    if (schemaUrn === undefined || schemaUrn.toLowerCase() === this.core.id.toLowerCase()) {
      return this.#coreIndex.get(key);
    }
    return this.#extensionIndex.get(schemaUrn.toLowerCase())?.attributes.get(key);
  }

  /** The extension schema with this URN, if this resource type has it. */
  findExtension(schemaUrn: string): SchemaDefinition | undefined {
    return this.#extensionIndex.get(schemaUrn.toLowerCase())?.schema;
  }

  /** True when `urn` names the core schema or one of this resource type's extensions. */
  hasSchema(urn: string): boolean {
    return urn.toLowerCase() === this.core.id.toLowerCase() || this.#extensionIndex.has(urn.toLowerCase());
  }

  findSubAttribute(parent: AttributeDefinition, name: string): AttributeDefinition | undefined {
    return findSubAttribute(parent, name);
  }
}

export interface SchemaRegistryInit {
  readonly schemas?: readonly SchemaDefinition[];
  readonly resourceTypes?: readonly ResourceTypeDefinition[];
}

/**
 * Schemas and resource types as a value: construct one, extend it at run time with custom
 * extension schemas, and pass it where it is needed. There is no global registry.
 *
 * @example
 * const registry = SchemaRegistry.withCoreSchemas();
 * registry.addSchema(mySchema).extendResourceType('User', mySchema.id);
 * registry.resourceSchema('User').findAttribute('userName');
 */
export class SchemaRegistry {
  readonly #schemas = new Map<string, SchemaDefinition>();
  readonly #resourceTypes = new Map<string, ResourceTypeDefinition>();
  readonly #views = new Map<string, ResourceSchema>();

  constructor(init: SchemaRegistryInit = {}) {
    for (const schema of init.schemas ?? []) this.addSchema(schema);
    for (const resourceType of init.resourceTypes ?? []) this.addResourceType(resourceType);
  }

  /** A registry with core User (with the Enterprise extension, optional) and Group (RFC 7643 §4, §8.7). */
  static withCoreSchemas(): SchemaRegistry {
    return new SchemaRegistry({
      schemas: [CORE_USER_SCHEMA, CORE_GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA],
      resourceTypes: [USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE],
    });
  }

  addSchema(schema: SchemaDefinition): this {
    if (!/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(schema.id)) {
      throw new TypeError(`schema id "${schema.id}" is not a URN`);
    }
    assertUniqueNames(schema.attributes, schema.id);
    if (this.#schemas.has(schema.id.toLowerCase()))
      throw new TypeError(`schema "${schema.id}" is already registered`);
    this.#schemas.set(schema.id.toLowerCase(), schema);
    this.#views.clear();
    return this;
  }

  addResourceType(resourceType: ResourceTypeDefinition): this {
    for (const urn of [resourceType.schema, ...resourceType.schemaExtensions.map((e) => e.schema)]) {
      if (!this.#schemas.has(urn.toLowerCase())) {
        throw new TypeError(`resource type "${resourceType.name}" names unknown schema "${urn}"`);
      }
    }
    this.#resourceTypes.set(resourceType.name.toLowerCase(), resourceType);
    this.#views.clear();
    return this;
  }

  /** Adds an extension schema (already registered) to a resource type. */
  extendResourceType(resourceTypeName: string, schemaUrn: string, required = false): this {
    const resourceType = this.getResourceType(resourceTypeName);
    if (resourceType === undefined) throw new TypeError(`unknown resource type "${resourceTypeName}"`);
    if (resourceType.schemaExtensions.some((e) => e.schema.toLowerCase() === schemaUrn.toLowerCase()))
      return this;
    return this.addResourceType({
      ...resourceType,
      schemaExtensions: [...resourceType.schemaExtensions, { schema: schemaUrn, required }],
    });
  }

  getSchema(urn: string): SchemaDefinition | undefined {
    return this.#schemas.get(urn.toLowerCase());
  }

  getResourceType(name: string): ResourceTypeDefinition | undefined {
    return this.#resourceTypes.get(name.toLowerCase());
  }

  listSchemas(): readonly SchemaDefinition[] {
    return [...this.#schemas.values()];
  }

  listResourceTypes(): readonly ResourceTypeDefinition[] {
    return [...this.#resourceTypes.values()];
  }

  /** The indexed attribute view of one resource type (cached until the registry changes). */
  resourceSchema(resourceTypeName: string): ResourceSchema {
    const key = resourceTypeName.toLowerCase();
    let view = this.#views.get(key);
    if (view === undefined) {
      const resourceType = this.#resourceTypes.get(key);
      if (resourceType === undefined) throw new TypeError(`unknown resource type "${resourceTypeName}"`);
      const core = this.#schemas.get(resourceType.schema.toLowerCase());
      if (core === undefined) throw new TypeError(`unknown schema "${resourceType.schema}"`);
      const extensions = resourceType.schemaExtensions.map((e) => {
        const schema = this.#schemas.get(e.schema.toLowerCase());
        if (schema === undefined) throw new TypeError(`unknown schema "${e.schema}"`);
        return { schema, required: e.required };
      });
      view = new ResourceSchema(resourceType, core, extensions);
      this.#views.set(key, view);
    }
    return view;
  }
}

function assertUniqueNames(attributes: readonly AttributeDefinition[], where: string): void {
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const key = attribute.name.toLowerCase();
    if (seen.has(key)) throw new TypeError(`attribute "${attribute.name}" is defined twice in ${where}`);
    seen.add(key);
    if (attribute.type === 'complex') {
      assertUniqueNames(attribute.subAttributes ?? [], `${where}:${attribute.name}`);
    }
  }
}
