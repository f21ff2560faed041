import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';
import { parseDateTime } from '../filter/date-time.js';
import { isJsonObject, type JsonObject } from './attribute-access.js';
import { createIssue, type IssueInput, type ResourceIssue } from './issues.js';

/** What the validator does with members no schema defines. */
export type UnknownAttributePolicy = 'reject' | 'drop';

export interface ValueValidationContext {
  readonly issues: ResourceIssue[];
  readonly unknownAttributes: UnknownAttributePolicy;
  readonly enforceCanonicalValues: boolean;
}

// RFC 4648 §4 base64; padding optional since many clients strip it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  return typeof value;
}

function report(ctx: ValueValidationContext, input: IssueInput): undefined {
  ctx.issues.push(createIssue(input));
  return undefined;
}

/** True for an xsd:dateTime naming a real instant (RFC 7643 §2.3.5), e.g. `2008-01-23T04:56:22Z`. */
export function isDateTime(value: string): boolean {
  return parseDateTime(value) !== undefined;
}

/** True for base64 (RFC 4648 §4), padding optional (RFC 7643 §2.3.6). */
export function isBase64(value: string): boolean {
  return BASE64.test(value);
}

/** Validates one value (not an array) against a single-valued view of `definition`. */
function validateSingle(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  ctx: ValueValidationContext,
): unknown {
  switch (definition.type) {
    case 'string':
    case 'reference':
      if (typeof value !== 'string') {
        return report(ctx, {
          code: 'invalid_type',
          path,
          expected: definition.type,
          received: describe(value),
        });
      }
      if (
        ctx.enforceCanonicalValues &&
        definition.canonicalValues !== undefined &&
        definition.canonicalValues.length > 0
      ) {
        const allowed = definition.canonicalValues;
        const match = definition.caseExact
          ? allowed.includes(value)
          : allowed.some((v) => v.toLowerCase() === value.toLowerCase());
        if (!match) return report(ctx, { code: 'canonical_value', path, allowed });
      }
      return value;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      // Entra ID sends booleans as "True"/"False" strings.
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
      }
      return report(ctx, { code: 'invalid_type', path, expected: 'boolean', received: describe(value) });
    case 'integer':
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      return report(ctx, { code: 'invalid_type', path, expected: 'integer', received: describe(value) });
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      return report(ctx, { code: 'invalid_type', path, expected: 'decimal', received: describe(value) });
    case 'dateTime':
      if (typeof value !== 'string') {
        return report(ctx, { code: 'invalid_type', path, expected: 'dateTime', received: describe(value) });
      }
      return isDateTime(value) ? value : report(ctx, { code: 'invalid_format', path, format: 'dateTime' });
    case 'binary':
      if (typeof value !== 'string') {
        return report(ctx, { code: 'invalid_type', path, expected: 'binary', received: describe(value) });
      }
      return isBase64(value) ? value : report(ctx, { code: 'invalid_format', path, format: 'binary' });
    case 'complex':
      if (!isJsonObject(value)) {
        return report(ctx, { code: 'invalid_type', path, expected: 'complex', received: describe(value) });
      }
      return validateMembers(
        value,
        definition.subAttributes ?? [],
        (name) => findSubAttribute(definition, name),
        `${path}.`,
        ctx,
      );
  }
}

/**
 * Validates and normalises the value of one attribute. Returns `undefined` when the attribute
 * ends up unassigned: null, an empty array, an empty complex value (RFC 7643 §2.5), or invalid.
 */
export function validateAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  path: string,
  ctx: ValueValidationContext,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (!definition.multiValued) {
    if (Array.isArray(value)) {
      return report(ctx, { code: 'invalid_type', path, expected: 'single value', received: 'array' });
    }
    return validateSingle(definition, value, path, ctx);
  }
  if (!Array.isArray(value)) {
    return report(ctx, { code: 'invalid_type', path, expected: 'array', received: describe(value) });
  }
  const out: unknown[] = [];
  let primaries = 0;
  value.forEach((item, index) => {
    if (item === null) return;
    const normalised = validateSingle(definition, item, `${path}[${index}]`, ctx);
    if (normalised === undefined) return;
    if (isJsonObject(normalised) && normalised['primary'] === true) primaries += 1;
    out.push(normalised);
  });
  if (primaries > 1) report(ctx, { code: 'multiple_primary', path });
  return out.length === 0 ? undefined : out;
}

/**
 * Validates the members of an object (a resource, an extension object or a complex value):
 * names rewritten to their canonical case, readOnly attributes dropped (RFC 7643 §2.2 "SHALL be
 * ignored"), unknown members rejected or dropped, required attributes checked.
 */
export function validateMembers(
  input: JsonObject,
  definitions: readonly AttributeDefinition[],
  lookup: (name: string) => AttributeDefinition | undefined,
  pathPrefix: string,
  ctx: ValueValidationContext,
  skip?: (key: string) => boolean,
): JsonObject | undefined {
  const out: JsonObject = {};
  const seen = new Set<string>();
  const invalid = new Set<string>();
  for (const [key, value] of Object.entries(input)) {
    if (skip?.(key) === true) continue;
    const definition = lookup(key);
    if (definition === undefined) {
      if (ctx.unknownAttributes === 'reject')
        report(ctx, { code: 'unknown_attribute', path: pathPrefix + key });
      continue;
    }
    const path = pathPrefix + definition.name;
    if (seen.has(definition.name)) {
      report(ctx, { code: 'duplicate_attribute', path });
      continue;
    }
    seen.add(definition.name);
    if (definition.mutability === 'readOnly') continue;
    const before = ctx.issues.length;
    const normalised = validateAttributeValue(definition, value, path, ctx);
    if (ctx.issues.length > before) invalid.add(definition.name);
    if (normalised !== undefined) out[definition.name] = normalised;
  }
  for (const definition of definitions) {
    if (!definition.required || definition.mutability === 'readOnly' || invalid.has(definition.name))
      continue;
    const value = out[definition.name];
    // Required strings must also be non-empty (RFC 7643 §4.1.1 userName).
    if (value === undefined || value === '')
      report(ctx, { code: 'required', path: pathPrefix + definition.name });
  }
  return Object.keys(out).length === 0 ? undefined : out;
}
