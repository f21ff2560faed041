/** Attribute and schema definitions as data (RFC 7643 §2.2, §7). */
export const ATTRIBUTE_TYPES = [
  'string',
  'boolean',
  'decimal',
  'integer',
  'dateTime',
  'binary',
  'reference',
  'complex',
] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const MUTABILITIES = ['readOnly', 'readWrite', 'immutable', 'writeOnly'] as const;
export type Mutability = (typeof MUTABILITIES)[number];

export const RETURNED = ['always', 'never', 'default', 'request'] as const;
export type Returned = (typeof RETURNED)[number];

export const UNIQUENESS = ['none', 'server', 'global'] as const;
export type Uniqueness = (typeof UNIQUENESS)[number];

export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description?: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
}

export interface SchemaDefinition {
  /** The schema URN, e.g. `urn:ietf:params:scim:schemas:core:2.0:User`. */
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly attributes: readonly AttributeDefinition[];
}

export interface SchemaExtensionRef {
  readonly schema: string;
  readonly required: boolean;
}

/** RFC 7643 §6. */
export interface ResourceTypeDefinition {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description?: string;
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionRef[];
}

/**
 * Builds an attribute definition with RFC 7643 §2.2 defaults: not required, not caseExact,
 * readWrite, returned by default, no uniqueness, single-valued string.
 */
export function defineAttribute(
  name: string,
  overrides: Partial<Omit<AttributeDefinition, 'name'>> = {},
): AttributeDefinition {
  return Object.freeze({
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...overrides,
  });
}
