import type { AttributeDefinition, SchemaDefinition } from '../schema/attribute.js';
import { COMMON_ATTRIBUTES } from '../schema/common-attributes.js';
import type { ResourceSchema } from '../schema/schema-registry.js';
import type { AttributePath } from '../path/attribute-path.js';
import { isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import { parseAttributeList } from './attribute-list.js';

export interface ProjectionOptions {
  /** `attributes` (RFC 7644 §3.9): parsed paths, or the raw comma-separated text. */
  readonly attributes?: readonly AttributePath[] | string | undefined;
  /** `excludedAttributes` (RFC 7644 §3.9). */
  readonly excludedAttributes?: readonly AttributePath[] | string | undefined;
}

/** Projects one resource; compiled once, reused for every resource of a list response. */
export type Projector = (resource: JsonObject) => JsonObject;

/** `whole` for `emails`, or the lower-cased sub-attribute names for `emails.value`. */
type Selection = 'whole' | Set<string>;

interface AttributeRule {
  readonly name: string;
  /** Kept sub-attributes (lower-cased name → canonical name); `undefined` for simple attributes. */
  readonly subAttributes: ReadonlyMap<string, string> | undefined;
}

interface ContainerRules {
  /** Lower-cased attribute name → rule, or `null` when the attribute is left out. */
  readonly attributes: ReadonlyMap<string, AttributeRule | null>;
  /** Members the schema does not define are kept only when nothing was asked for. */
  readonly keepUnknown: boolean;
}

/** Selections per container: `''` for the core schema, else the extension's lower-cased URN. */
type Selections = Map<string, Map<string, Selection>>;

function addSelection(
  selections: Selections,
  container: string,
  attribute: string,
  sub: string | undefined,
): void {
  let byAttribute = selections.get(container);
  if (byAttribute === undefined) selections.set(container, (byAttribute = new Map<string, Selection>()));
  const current = byAttribute.get(attribute);
  if (sub === undefined || current === 'whole') {
    byAttribute.set(attribute, 'whole');
  } else if (current === undefined) {
    byAttribute.set(attribute, new Set([sub]));
  } else {
    current.add(sub);
  }
}

/** Sorts paths by container; a bare extension URN selects every attribute of that extension. */
function collect(schema: ResourceSchema, paths: readonly AttributePath[]): Selections {
  const selections: Selections = new Map();
  for (const path of paths) {
    if (path.schema !== undefined && path.subAttribute === undefined) {
      const extension = schema.findExtension(`${path.schema}:${path.attribute}`);
      if (extension !== undefined) {
        for (const a of extension.attributes)
          addSelection(selections, extension.id.toLowerCase(), a.name.toLowerCase(), undefined);
        continue;
      }
    }
    const resolved = schema.findAttribute(path.attribute, path.schema);
    // Unknown names select nothing: asking for an attribute a provider lacks is not an error.
    if (resolved === undefined) continue;
    const container =
      resolved.inExtension && resolved.schemaUrn !== undefined ? resolved.schemaUrn.toLowerCase() : '';
    let sub: string | undefined;
    if (path.subAttribute !== undefined) {
      const subDefinition = schema.findSubAttribute(resolved.definition, path.subAttribute);
      if (subDefinition === undefined) continue;
      sub = subDefinition.name.toLowerCase();
    }
    addSelection(selections, container, resolved.definition.name.toLowerCase(), sub);
  }
  return selections;
}

function ruleFor(
  definition: AttributeDefinition,
  include: Selection | undefined,
  exclude: Selection | undefined,
  includeMode: boolean,
): AttributeRule | null {
  if (definition.returned === 'never') return null;
  if (definition.returned !== 'always') {
    if (includeMode ? include === undefined : definition.returned === 'request') return null;
    if (exclude === 'whole') return null;
  }
  if (definition.type !== 'complex') return { name: definition.name, subAttributes: undefined };
  const subAttributes = new Map<string, string>();
  for (const sub of definition.subAttributes ?? []) {
    const key = sub.name.toLowerCase();
    let keep: boolean;
    if (sub.returned === 'never') keep = false;
    else if (sub.returned === 'always') keep = true;
    else if (include instanceof Set) keep = include.has(key);
    else keep = sub.returned !== 'request';
    if (keep && sub.returned !== 'always' && exclude instanceof Set && exclude.has(key)) keep = false;
    if (keep) subAttributes.set(key, sub.name);
  }
  return { name: definition.name, subAttributes };
}

function containerRules(
  definitions: readonly AttributeDefinition[],
  include: Map<string, Selection> | undefined,
  exclude: Map<string, Selection> | undefined,
  includeMode: boolean,
): ContainerRules {
  const attributes = new Map<string, AttributeRule | null>();
  for (const definition of definitions) {
    const key = definition.name.toLowerCase();
    attributes.set(key, ruleFor(definition, include?.get(key), exclude?.get(key), includeMode));
  }
  return { attributes, keepUnknown: !includeMode };
}

function projectComplex(
  value: JsonObject,
  subAttributes: ReadonlyMap<string, string>,
): JsonObject | undefined {
  const out: JsonObject = {};
  let empty = true;
  for (const key in value) {
    const name = subAttributes.get(key.toLowerCase());
    if (name === undefined) continue;
    out[name] = value[key];
    empty = false;
  }
  return empty ? undefined : out;
}

function projectValue(value: unknown, rule: AttributeRule): unknown {
  const subAttributes = rule.subAttributes;
  if (subAttributes === undefined) return value;
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value as unknown[]) {
      const projected = isJsonObject(item) ? projectComplex(item, subAttributes) : item;
      if (projected !== undefined) items.push(projected);
    }
    return items.length === 0 ? undefined : items;
  }
  return isJsonObject(value) ? projectComplex(value, subAttributes) : value;
}

/** Projects one member of `container` into `out`; true when something was written. */
function projectMember(container: JsonObject, key: string, rules: ContainerRules, out: JsonObject): boolean {
  const rule = rules.attributes.get(key.toLowerCase());
  if (rule === null) return false;
  if (rule === undefined) {
    if (!rules.keepUnknown) return false;
    out[key] = container[key];
    return true;
  }
  const projected = projectValue(container[key], rule);
  if (projected === undefined) return false;
  out[rule.name] = projected;
  return true;
}

function toPaths(
  value: readonly AttributePath[] | string | undefined,
  parameter: string,
): readonly AttributePath[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? parseAttributeList(value, parameter) : value;
}

/**
 * Compiles `attributes` / `excludedAttributes` into a projector (RFC 7644 §3.4.2.5, §3.9):
 * - `returned: "always"` attributes (`id`) and `schemas` are always present, even when excluded;
 * - `returned: "never"` attributes (`password`) never are;
 * - `returned: "request"` attributes only when named in `attributes`;
 * - `attributes` replaces the default set; sub-attribute paths (`name.givenName`) keep only
 *   those sub-attributes; a bare extension URN selects the whole extension;
 * - `excludedAttributes` removes from the set (also when given with `attributes`, which
 *   RFC 7644 does not forbid);
 * - names match case-insensitively (RFC 7643 §2.1) and come out in canonical case.
 * Names no schema defines select nothing rather than failing.
 *
 * @example
 * const project = compileProjection(registry.resourceSchema('User'), { attributes: 'userName,emails.value' });
 * resources.map(project);
 */
export function compileProjection(schema: ResourceSchema, options: ProjectionOptions = {}): Projector {
  const includePaths = toPaths(options.attributes, 'attributes');
  const includeMode = includePaths.length > 0;
  const include = collect(schema, includePaths);
  const exclude = collect(schema, toPaths(options.excludedAttributes, 'excludedAttributes'));

  const core = containerRules(
    [...COMMON_ATTRIBUTES, ...schema.core.attributes],
    include.get(''),
    exclude.get(''),
    includeMode,
  );
  const extensions = new Map<string, { schema: SchemaDefinition; rules: ContainerRules }>();
  for (const { schema: extension } of schema.extensions) {
    const key = extension.id.toLowerCase();
    extensions.set(key, {
      schema: extension,
      rules: containerRules(extension.attributes, include.get(key), exclude.get(key), includeMode),
    });
  }

  return (resource) => {
    const out: JsonObject = {};
    for (const key in resource) {
      const lower = key.toLowerCase();
      if (lower === 'schemas') {
        out['schemas'] = resource[key];
        continue;
      }
      const extension = extensions.get(lower);
      if (extension === undefined) {
        projectMember(resource, key, core, out);
        continue;
      }
      const value = resource[key];
      if (!isJsonObject(value)) continue;
      const projected: JsonObject = {};
      let written = false;
      for (const member in value)
        written = projectMember(value, member, extension.rules, projected) || written;
      if (written) out[extension.schema.id] = projected;
    }
    return out;
  };
}

/** Projects a single resource; prefer {@link compileProjection} for many. */
export function projectResource(
  resource: JsonObject,
  schema: ResourceSchema,
  options: ProjectionOptions = {},
): JsonObject {
  return compileProjection(schema, options)(resource);
}
