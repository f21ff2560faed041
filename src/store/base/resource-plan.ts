import {
  findSubAttribute,
  isJsonObject,
  parseDateTime,
  type AttributeDefinition,
  type JsonObject,
  type ResourceSchema,
} from '../../scim/index.js';

/** A multi-valued complex attribute whose string `value`s are copied to scim_multi_values. */
export interface IndexedMultiValue {
  /** The key stored in scim_multi_values.attribute: the name, prefixed by the extension URN. */
  readonly key: string;
  /** The extension URN holding it, undefined for core attributes. */
  readonly schemaUrn: string | undefined;
  readonly name: string;
  readonly valueCaseExact: boolean;
  readonly typeCaseExact: boolean | undefined;
}

/** How resources of one type are written: which attribute is unique, what is indexed. */
export interface ResourcePlan {
  readonly schema: ResourceSchema;
  readonly resourceType: string;
  /** The case-insensitively unique top-level attribute (User userName, Group displayName). */
  readonly unique: AttributeDefinition | undefined;
  readonly multiValues: readonly IndexedMultiValue[];
  /** The derived membership attribute (User `groups`, Group `members`), read from scim_group_members. */
  readonly membership: 'groups' | 'members' | undefined;
}

/**
 * Resource types whose unique attribute the schema does not declare: Entra and Okta match
 * groups on displayName, so two groups with one displayName would make provisioning ambiguous.
 */
const DECLARED_UNIQUE: Readonly<Record<string, string>> = { group: 'displayName' };
const MEMBERSHIP: Readonly<Record<string, 'groups' | 'members'>> = { user: 'groups', group: 'members' };

const plans = new WeakMap<ResourceSchema, ResourcePlan>();

export function resourcePlan(schema: ResourceSchema): ResourcePlan {
  let plan = plans.get(schema);
  if (plan === undefined) {
    plan = buildPlan(schema);
    plans.set(schema, plan);
  }
  return plan;
}

function buildPlan(schema: ResourceSchema): ResourcePlan {
  const typeKey = schema.resourceType.name.toLowerCase();
  const declared = DECLARED_UNIQUE[typeKey];
  const unique =
    schema.core.attributes.find((a) => a.uniqueness !== 'none' && a.type === 'string' && !a.multiValued) ??
    (declared === undefined ? undefined : schema.core.attributes.find((a) => a.name === declared));
  const membership = MEMBERSHIP[typeKey];
  const multiValues: IndexedMultiValue[] = [];
  const collect = (attributes: readonly AttributeDefinition[], schemaUrn: string | undefined): void => {
    for (const attribute of attributes) {
      if (!attribute.multiValued || attribute.type !== 'complex' || attribute.name === membership) continue;
      const value = findSubAttribute(attribute, 'value');
      if (value?.type !== 'string') continue;
      const type = findSubAttribute(attribute, 'type');
      multiValues.push({
        key: schemaUrn === undefined ? attribute.name : `${schemaUrn}:${attribute.name}`,
        schemaUrn,
        name: attribute.name,
        valueCaseExact: value.caseExact,
        typeCaseExact: type?.type === 'string' ? type.caseExact : undefined,
      });
    }
  };
  collect(schema.core.attributes, undefined);
  for (const { schema: extension } of schema.extensions) collect(extension.attributes, extension.id);
  return { schema, resourceType: schema.resourceType.name, unique, multiValues, membership };
}

/** `2024-01-02T03:04:05.678Z`: fixed width, so string order is time order. */
export function canonicalDateTime(text: string): string | undefined {
  const time = parseDateTime(text);
  return time === undefined ? undefined : new Date(Math.round(time)).toISOString();
}

/**
 * The resource with attribute names spelled as the schema does and dateTime values in canonical
 * form, so SQL can address JSON by exact key and compare instants as strings. Returns `data`
 * itself when nothing changes.
 */
export function canonicalizeResource(data: JsonObject, schema: ResourceSchema): JsonObject {
  let result: JsonObject | undefined;
  for (const [key, value] of Object.entries(data)) {
    let name = key;
    let next = value;
    const extension = schema.findExtension(key);
    if (extension !== undefined) {
      name = extension.id;
      if (isJsonObject(value)) next = canonicalizeObject(value, extension.attributes);
    } else {
      const resolved = schema.findAttribute(key);
      if (resolved !== undefined) {
        name = resolved.definition.name;
        next = canonicalizeValue(value, resolved.definition);
      }
    }
    if (name !== key || next !== value) {
      result ??= { ...data };
      if (name !== key) delete result[key];
      result[name] = next;
    }
  }
  return result ?? data;
}

function canonicalizeObject(object: JsonObject, attributes: readonly AttributeDefinition[]): JsonObject {
  let result: JsonObject | undefined;
  for (const [key, value] of Object.entries(object)) {
    const lower = key.toLowerCase();
    const definition = attributes.find((a) => a.name.toLowerCase() === lower);
    if (definition === undefined) continue;
    const next = canonicalizeValue(value, definition);
    if (definition.name !== key || next !== value) {
      result ??= { ...object };
      if (definition.name !== key) delete result[key];
      result[definition.name] = next;
    }
  }
  return result ?? object;
}

function canonicalizeValue(value: unknown, definition: AttributeDefinition): unknown {
  if (Array.isArray(value)) {
    let changed = false;
    const items = value.map((item) => {
      const next = canonicalizeScalar(item, definition);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? items : value;
  }
  return canonicalizeScalar(value, definition);
}

function canonicalizeScalar(value: unknown, definition: AttributeDefinition): unknown {
  if (definition.type === 'dateTime' && typeof value === 'string') return canonicalDateTime(value) ?? value;
  if (definition.type === 'complex' && isJsonObject(value) && definition.subAttributes !== undefined) {
    return canonicalizeObject(value, definition.subAttributes);
  }
  return value;
}
