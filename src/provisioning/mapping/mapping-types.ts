import type { ExpressionValue } from '../expressions/index.js';
import type { ScopingFilter } from './scoping.js';

/**
 * A JSON value as it is written to the target. Structurally the same as the expression
 * language's values, so an evaluated expression is already one.
 */
export type JsonValue =
  null | string | number | boolean | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Entra's mapping types: Direct, Constant, Expression, None (leave the target as it is). */
export const MAPPING_TYPES = ['direct', 'constant', 'expression', 'none'] as const;
export type MappingType = (typeof MAPPING_TYPES)[number];

/** "Apply this mapping": always, or only when the object is created. */
export const MAPPING_APPLY = ['always', 'creation'] as const;
export type MappingApply = (typeof MAPPING_APPLY)[number];

/** One target attribute and where its value comes from. */
export interface AttributeMapping {
  /**
   * A SCIM path as a PATCH would name it: `userName`, `name.givenName`,
   * `emails[type eq "work"].value`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
   */
  readonly target: string;
  readonly type: MappingType;
  /** `direct`: the source attribute (e.g. `userPrincipalName`, `IsSoftDeleted`, `manager`, `members`). */
  readonly source?: string;
  /** `expression`: the expression text. */
  readonly expression?: string;
  /** `constant`: the value. */
  readonly constant?: string;
  /** Written only when the object is created and the mapped value is null or empty. */
  readonly defaultValue?: string;
  /** Default `'always'`. */
  readonly apply?: MappingApply;
  /** 1 is tried first when matching source objects to target objects; absent = not a matching attribute. */
  readonly matchingPrecedence?: number;
}

/** The mapping of one object type (users or groups). */
export interface ObjectMapping {
  readonly enabled: boolean;
  readonly actions: { readonly create: boolean; readonly update: boolean; readonly delete: boolean };
  readonly attributes: readonly AttributeMapping[];
  /** ORed; the clauses inside one filter are ANDed; no filter = everything in scope. */
  readonly scoping: readonly ScopingFilter[];
}

export interface JobMappings {
  readonly users: ObjectMapping;
  readonly groups: ObjectMapping;
}

/**
 * A source object as the engine reads it: Graph attributes plus `objectId`, the computed
 * `IsSoftDeleted`, `manager` (the manager's source id), `members` and `appRoleAssignments`.
 */
export type SourceObject = Readonly<Record<string, ExpressionValue | undefined>>;

/**
 * Target path (as written in the mapping) → value. What was last written to the target is
 * stored in this shape, so the planner diffs two of these.
 */
export type FlatValues = Readonly<Record<string, JsonValue>>;

/** What mapping needs from outside: the clock, randomness and the links the engine knows. */
export interface MapContext {
  now(): Date;
  random(): number;
  newGuid(): string;
  /** The target id of an already provisioned source object, e.g. a user's manager. */
  resolveReference(sourceId: string): string | undefined;
}

export interface MappedObject {
  /** Every mapped path with a non-null, non-empty value. */
  readonly values: FlatValues;
  /** Paths whose expression uses `Redact`: their values must not reach logs. */
  readonly redactedPaths: ReadonlySet<string>;
  /** References (manager) whose target object is not known yet; their paths are left out of `values`. */
  readonly unresolvedReferences: readonly { readonly path: string; readonly sourceId: string }[];
  /** `SelectUniqueValue` targets: the engine picks the first candidate unused in the target. */
  readonly uniqueCandidates: readonly { readonly path: string; readonly candidates: string[] }[];
}

export type MappedResourceType = 'User' | 'Group';

export interface CompiledObjectMapping {
  readonly resourceType: MappedResourceType;
  /** True when a mapping targets the group membership attribute: the engine syncs members itself. */
  readonly syncMembers: boolean;
  /** Targets whose value is a reference to another source object (manager). */
  readonly referencePaths: readonly string[];
  /** The matching attributes, by precedence (first tried first). */
  readonly matching: readonly { readonly path: string; readonly precedence: number }[];
  inScope(source: SourceObject): boolean;
  /**
   * The target values of one source object. `create` applies every mapping and the defaults;
   * `update` only mappings applied always. Values are coerced to the target attribute's type.
   */
  map(source: SourceObject, mode: 'create' | 'update', ctx: MapContext): MappedObject;
  /**
   * False when no mapping is applied only at creation, has a default value or picks a unique
   * value: `create` then maps exactly what `update` does, and one evaluation serves both.
   */
  readonly createDiffers: boolean;
}
