import {
  applyPatch,
  compileFilter,
  getMember,
  isJsonObject,
  type AttributeDefinition,
  type JsonObject,
  type PatchOperation,
  type ResourceSchema,
} from '../../scim/index.js';
import type { ExpressionValue } from '../expressions/index.js';
import { coerceToAttribute } from './coerce-value.js';
import { MappingValidationError, mappingIssue } from './mapping-errors.js';
import type { FlatValues, JsonValue } from './mapping-types.js';
import { resolveMappingTarget, type MappingTarget } from './mapping-target.js';

/**
 * The SCIM resource to POST for some flat values: each path is written with a PATCH `add` on
 * `{ schemas: [core] }`, so a filtered path such as `emails[type eq "work"].value` creates the
 * value it selects, several paths into one value (`addresses[type eq "work"].locality`,
 * `….postalCode`) merge, and the extension URNs used are listed in `schemas`.
 *
 * @throws MappingValidationError when a path is not a valid target; ScimError 400 when a value
 *   does not fit its attribute.
 */
export function buildResource(values: FlatValues, schema: ResourceSchema): JsonObject {
  const entries = Object.entries(values);
  const writers: Writer[] = [];
  for (const [text] of entries) {
    const writer = writerFor(text, schema);
    // A path no direct writer handles: the whole body goes through PATCH, which handles all.
    if (writer === undefined) return buildResourceByPatch(values, schema);
    writers.push(writer);
  }
  const resource: Record<string, unknown> = { schemas: [schema.core.id] };
  entries.forEach(([, value], index) => writers[index]!(resource, value));
  return resource;
}

/**
 * {@link buildResource} by the SCIM core's PATCH `add` for every path: the reference behaviour,
 * used for paths the direct writers do not cover and, in tests, as their oracle. The direct
 * writers exist because this costs about a tenth of the engine's CPU in an initial cycle.
 */
export function buildResourceByPatch(values: FlatValues, schema: ResourceSchema): JsonObject {
  const operations: PatchOperation[] = [];
  for (const [text, value] of Object.entries(values)) {
    const target = targetFor(text, schema);
    operations.push({ op: 'add', path: target.path, pathText: text, value });
  }
  return applyPatch({ schemas: [schema.core.id] }, operations, schema).resource;
}

type Writer = (resource: Record<string, unknown>, value: JsonValue) => void;

const writers = new WeakMap<ResourceSchema, Map<string, Writer | null>>();

function writerFor(text: string, schema: ResourceSchema): Writer | undefined {
  return cached(writers, schema, text, () => compileWriter(targetFor(text, schema)) ?? null) ?? undefined;
}

/**
 * A direct writer for the path shapes mappings use on a fresh resource: `attr`, `attr.sub` of a
 * single-valued complex attribute, and `attr[sub eq "x" and …].sub` of a multi-valued one (the
 * element is found by its pinned sub-attributes or created with them), each optionally under an
 * extension URN. Anything else returns undefined (PATCH then builds the body).
 */
function compileWriter(target: MappingTarget): Writer | undefined {
  const { attribute, extension, path, pinned } = target;
  const subName = path.subAttribute === undefined ? undefined : target.definition.name;
  const containerOf = (resource: Record<string, unknown>): Record<string, unknown> => {
    if (extension === undefined) return resource;
    const schemas = resource.schemas as string[];
    if (!schemas.includes(extension)) schemas.push(extension);
    return objectMember(resource, extension);
  };
  if (path.valueFilter === undefined) {
    if (subName === undefined) {
      if (attribute.multiValued) {
        return (resource, value) => {
          containerOf(resource)[attribute.name] = Array.isArray(value)
            ? (value as readonly JsonValue[]).slice()
            : [value];
        };
      }
      return (resource, value) => {
        containerOf(resource)[attribute.name] = value;
      };
    }
    if (attribute.multiValued) return undefined;
    return (resource, value) => {
      objectMember(containerOf(resource), attribute.name)[subName] = value;
    };
  }
  if (pinned === undefined || subName === undefined || !attribute.multiValued) return undefined;
  const keys = Object.entries(pinned);
  return (resource, value) => {
    const container = containerOf(resource);
    const list = (Array.isArray(container[attribute.name]) ? container[attribute.name] : []) as Record<
      string,
      unknown
    >[];
    container[attribute.name] = list;
    let element = list.find((item) => keys.every(([k, v]) => item[k] === v));
    if (element === undefined) {
      element = Object.fromEntries(keys);
      list.push(element);
    }
    element[subName] = value;
  };
}

function objectMember(holder: Record<string, unknown>, name: string): Record<string, unknown> {
  const existing = holder[name];
  if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) {
    return existing as Record<string, unknown>;
  }
  const created: Record<string, unknown> = {};
  holder[name] = created;
  return created;
}

/**
 * Reads the given paths out of a resource the target returned, in the shape mapping produces
 * them, to compare a matched pre-existing object with the desired values: a filtered path reads
 * the first value it selects; a reference keeps only its `value`; read-only sub-attributes are
 * dropped; values are coerced to the attribute's type (e.g. `"True"` → `true`). Paths without
 * a value are left out.
 *
 * @throws MappingValidationError when a path is not a valid target
 */
export function readValues(
  resource: JsonObject,
  paths: readonly string[],
  schema: ResourceSchema,
): FlatValues {
  const values: Record<string, JsonValue> = {};
  for (const text of paths) {
    const value = readerFor(text, schema)(resource);
    if (value !== undefined) values[text] = value;
  }
  return values;
}

type Reader = (resource: JsonObject) => JsonValue | undefined;

const targets = new WeakMap<ResourceSchema, Map<string, MappingTarget>>();
const readers = new WeakMap<ResourceSchema, Map<string, Reader>>();

function cached<T>(
  cache: WeakMap<ResourceSchema, Map<string, T>>,
  schema: ResourceSchema,
  text: string,
  make: () => T,
): T {
  let bySchema = cache.get(schema);
  if (bySchema === undefined) {
    bySchema = new Map();
    cache.set(schema, bySchema);
  }
  let item = bySchema.get(text);
  if (item === undefined) {
    item = make();
    bySchema.set(text, item);
  }
  return item;
}

function targetFor(text: string, schema: ResourceSchema): MappingTarget {
  return cached(targets, schema, text, () => {
    const result = resolveMappingTarget(text, schema);
    if (!result.ok) throw new MappingValidationError([mappingIssue(result.code, text, result.message)]);
    return result.target;
  });
}

function readerFor(text: string, schema: ResourceSchema): Reader {
  return cached(readers, schema, text, () => compileReader(targetFor(text, schema), schema));
}

function compileReader(target: MappingTarget, schema: ResourceSchema): Reader {
  const { attribute, extension, path } = target;
  const select = path.valueFilter === undefined ? undefined : compileSelector(target, schema);
  const sub = path.subAttribute;
  return (resource) => {
    const container = extension === undefined ? resource : getMember(resource, extension);
    if (!isJsonObject(container)) return undefined;
    let value: unknown = getMember(container, attribute.name);
    if (select !== undefined) value = Array.isArray(value) ? value.find(select) : undefined;
    if (sub !== undefined) value = readSubAttribute(value, sub);
    return normalize(target, value);
  };
}

/** The values of a multi-valued complex attribute that the path's value filter selects. */
function compileSelector(target: MappingTarget, schema: ResourceSchema): (item: unknown) => boolean {
  const { attribute, extension } = target;
  const predicate = compileFilter(
    {
      kind: 'valuePath',
      path:
        extension === undefined
          ? { attribute: attribute.name }
          : { schema: extension, attribute: attribute.name },
      filter: target.path.valueFilter!,
    },
    schema,
  );
  return (item) => {
    if (!isJsonObject(item)) return false;
    const holder: JsonObject = { [attribute.name]: [item] };
    return predicate(extension === undefined ? holder : { [extension]: holder });
  };
}

function readSubAttribute(value: unknown, name: string): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(isJsonObject)
      .map((item) => getMember(item, name))
      .filter((item) => item != null);
  }
  return isJsonObject(value) ? getMember(value, name) : undefined;
}

function normalize(target: MappingTarget, value: unknown): JsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  let shaped = value as ExpressionValue;
  if (target.reference !== undefined && target.definition.type === 'complex') {
    shaped = Array.isArray(value)
      ? value.map(referenceValue).filter((item) => item !== null)
      : referenceValue(value);
  } else if (target.definition.type === 'complex') {
    shaped = Array.isArray(value)
      ? value.map((item) => writable(target.definition, item))
      : writable(target.definition, value);
  }
  return coerceToAttribute(target.definition, shaped);
}

/** A reference as mapping writes it: `{ value }` without `$ref`/`display`, which the target derives. */
function referenceValue(value: unknown): ExpressionValue {
  if (typeof value === 'string') return { value };
  const id = isJsonObject(value) ? getMember(value, 'value') : undefined;
  return typeof id === 'string' ? { value: id } : null;
}

/** A complex value without the sub-attributes nobody writes (read-only ones such as `display`). */
function writable(definition: AttributeDefinition, value: unknown): ExpressionValue {
  if (!isJsonObject(value)) return value as ExpressionValue;
  const kept: Record<string, ExpressionValue> = {};
  for (const sub of definition.subAttributes ?? []) {
    if (sub.mutability === 'readOnly') continue;
    const item = getMember(value, sub.name);
    if (item !== undefined && item !== null) kept[sub.name] = item as ExpressionValue;
  }
  return kept;
}
