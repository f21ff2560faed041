import {
  ATTRIBUTE_TYPES,
  MUTABILITIES,
  RETURNED,
  UNIQUENESS,
  defineAttribute,
  getMember,
  isJsonObject,
  type AttributeDefinition,
  type JsonObject,
  type SchemaDefinition,
} from '../../scim/index.js';

export interface SchemaFromResourceResult {
  /** Undefined when the resource is unusable (no URN id); the warnings say why. */
  readonly schema: SchemaDefinition | undefined;
  readonly warnings: readonly string[];
}

/** RFC 7643 §2.1 ATTRNAME, plus `$ref`. Anything else would not survive our path parser. */
const ATTRIBUTE_NAME = /^(?:[A-Za-z][\w-]*|\$ref)$/;
const URN = /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i;

function pickVocabulary<T extends string>(
  vocabulary: readonly T[],
  raw: unknown,
  fallback: T,
  where: string,
  warnings: string[],
): T {
  if (raw === undefined || raw === null) return fallback;
  // Targets vary the case ("datetime", "readwrite"); the vocabulary itself is case-sensitive.
  const found =
    typeof raw === 'string' ? vocabulary.find((v) => v.toLowerCase() === raw.toLowerCase()) : undefined;
  if (found !== undefined) return found;
  warnings.push(`${where}: unknown value ${JSON.stringify(raw)}, read as "${fallback}"`);
  return fallback;
}

function readBoolean(raw: unknown, fallback: boolean): boolean {
  if (typeof raw === 'boolean') return raw;
  if (raw === 'true' || raw === 'True') return true;
  if (raw === 'false' || raw === 'False') return false;
  return fallback;
}

function readStrings(raw: unknown): readonly string[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter((v): v is string => typeof v === 'string');
}

function readAttributes(raw: unknown, where: string, warnings: string[]): AttributeDefinition[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    warnings.push(`${where}: "attributes" is not a list; no attributes read`);
    return [];
  }
  const out: AttributeDefinition[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const attribute = isJsonObject(item) ? readAttribute(item, where, warnings) : undefined;
    if (attribute === undefined) continue;
    const key = attribute.name.toLowerCase();
    if (seen.has(key)) {
      warnings.push(`${where}: attribute "${attribute.name}" is defined twice; the first definition is kept`);
      continue;
    }
    seen.add(key);
    out.push(attribute);
  }
  return out;
}

function readAttribute(raw: JsonObject, parent: string, warnings: string[]): AttributeDefinition | undefined {
  const name = getMember(raw, 'name');
  if (typeof name !== 'string' || !ATTRIBUTE_NAME.test(name)) {
    warnings.push(`${parent}: skipped an attribute with the unusable name ${JSON.stringify(name ?? null)}`);
    return undefined;
  }
  const where = `${parent}:${name}`;
  const type = pickVocabulary(ATTRIBUTE_TYPES, getMember(raw, 'type'), 'string', `${where} type`, warnings);
  const description = getMember(raw, 'description');
  const canonicalValues = readStrings(getMember(raw, 'canonicalValues'));
  const referenceTypes = readStrings(getMember(raw, 'referenceTypes'));
  return defineAttribute(name, {
    type,
    multiValued: readBoolean(getMember(raw, 'multiValued'), false),
    required: readBoolean(getMember(raw, 'required'), false),
    caseExact: readBoolean(getMember(raw, 'caseExact'), false),
    mutability: pickVocabulary(
      MUTABILITIES,
      getMember(raw, 'mutability'),
      'readWrite',
      `${where} mutability`,
      warnings,
    ),
    returned: pickVocabulary(RETURNED, getMember(raw, 'returned'), 'default', `${where} returned`, warnings),
    uniqueness: pickVocabulary(
      UNIQUENESS,
      getMember(raw, 'uniqueness'),
      'none',
      `${where} uniqueness`,
      warnings,
    ),
    ...(typeof description === 'string' ? { description } : {}),
    ...(canonicalValues === undefined ? {} : { canonicalValues }),
    ...(referenceTypes === undefined ? {} : { referenceTypes }),
    ...(type === 'complex'
      ? { subAttributes: readAttributes(getMember(raw, 'subAttributes'), where, warnings) }
      : {}),
  });
}

/**
 * A Schema resource as served at `/Schemas` (RFC 7643 §7) back into a {@link SchemaDefinition},
 * filling RFC 7643 §2.2 defaults for what the target leaves out. Lenient, because real targets
 * are: odd casing and unknown values become warnings, not failures.
 */
export function schemaFromResource(resource: JsonObject): SchemaFromResourceResult {
  const warnings: string[] = [];
  const id = getMember(resource, 'id');
  if (typeof id !== 'string' || !URN.test(id)) {
    return {
      schema: undefined,
      warnings: [`skipped a schema whose id ${JSON.stringify(id ?? null)} is not a URN`],
    };
  }
  const name = getMember(resource, 'name');
  const description = getMember(resource, 'description');
  const schema: SchemaDefinition = {
    id,
    name: typeof name === 'string' && name !== '' ? name : (id.split(':').pop() ?? id),
    ...(typeof description === 'string' ? { description } : {}),
    attributes: readAttributes(getMember(resource, 'attributes'), id, warnings),
  };
  return { schema, warnings };
}
