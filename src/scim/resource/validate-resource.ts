import type { ResourceSchema } from '../schema/schema-registry.js';
import { findKey, isJsonObject, type JsonObject } from './attribute-access.js';
import { createIssue, issuesToScimError, type ResourceIssue } from './issues.js';
import {
  validateMembers,
  type UnknownAttributePolicy,
  type ValueValidationContext,
} from './validate-value.js';

export interface ValidateResourceOptions {
  /**
   * `create` (POST, RFC 7644 §3.3) or `replace` (PUT, §3.5.1). Both demand a complete resource;
   * comparing immutable attributes with the stored resource is the caller's job.
   */
  readonly mode: 'create' | 'replace';
  /** Members no schema defines: an issue (default) or silently left out. */
  readonly unknownAttributes?: UnknownAttributePolicy;
  /** Reject string values outside an attribute's `canonicalValues` (RFC 7643 §2.3.1 allows them by default). */
  readonly enforceCanonicalValues?: boolean;
}

export type ValidateResourceResult =
  | { readonly ok: true; readonly value: JsonObject }
  | { readonly ok: false; readonly issues: readonly ResourceIssue[] };

/** Returns the URNs listed in `schemas`, or `undefined` (with an issue) when it is malformed. */
function readSchemas(input: JsonObject, ctx: ValueValidationContext): string[] | undefined {
  const key = findKey(input, 'schemas');
  const value = key === undefined ? undefined : input[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    ctx.issues.push(
      createIssue({ code: 'invalid_type', path: 'schemas', expected: 'array', received: typeof value }),
    );
    return undefined;
  }
  return value;
}

/**
 * Validates and normalises a resource sent by a client against its resource type (RFC 7643 §2,
 * §3; RFC 7644 §3.3, §3.5.1):
 * - `schemas` must list the core schema and every extension whose object is present; unknown URNs fail;
 * - attribute names are rewritten to their canonical case (RFC 7643 §2.1);
 * - readOnly attributes (`id`, `meta`, `groups`, …) are dropped: they "SHALL be ignored" (§2.2);
 * - null values and empty arrays count as unassigned and are dropped (§2.5);
 * - booleans sent as `"True"`/`"False"` become booleans (Entra ID does this);
 * - types, required attributes and the single `primary` value (§2.4) are checked.
 *
 * Decisions are taken from attribute metadata only, so extension schemas need no code.
 *
 * @example
 * const result = validateResource(body, registry.resourceSchema('User'), { mode: 'create' });
 * if (!result.ok) throw issuesToScimError(result.issues);
 */
export function validateResource(
  input: unknown,
  schema: ResourceSchema,
  options: ValidateResourceOptions,
): ValidateResourceResult {
  const ctx: ValueValidationContext = {
    issues: [],
    unknownAttributes: options.unknownAttributes ?? 'reject',
    enforceCanonicalValues: options.enforceCanonicalValues ?? false,
  };
  if (!isJsonObject(input)) {
    return { ok: false, issues: [createIssue({ code: 'invalid_body', path: '' })] };
  }
  const listed = readSchemas(input, ctx);
  const schemas: string[] = [];
  let listsCore = false;
  for (const urn of listed ?? []) {
    const extension = schema.findExtension(urn);
    const canonical =
      extension?.id ?? (urn.toLowerCase() === schema.core.id.toLowerCase() ? schema.core.id : undefined);
    if (canonical === undefined) {
      if (ctx.unknownAttributes === 'reject') {
        ctx.issues.push(createIssue({ code: 'unknown_schema', path: 'schemas', schema: urn }));
      }
      continue;
    }
    if (canonical === schema.core.id) listsCore = true;
    if (!schemas.includes(canonical)) schemas.push(canonical);
  }
  if (listed !== undefined && !listsCore) {
    ctx.issues.push(createIssue({ code: 'missing_schema', path: 'schemas', schema: schema.core.id }));
  }

  // A URN-named member is an extension object (RFC 7643 §3.3), never a core attribute.
  const isExtensionKey = (key: string): boolean =>
    key.toLowerCase().startsWith('urn:') && key.toLowerCase() !== schema.core.id.toLowerCase();
  if (ctx.unknownAttributes === 'reject') {
    for (const key of Object.keys(input)) {
      if (isExtensionKey(key) && schema.findExtension(key) === undefined) {
        ctx.issues.push(createIssue({ code: 'unknown_schema', path: key, schema: key }));
      }
    }
  }
  const value = validateMembers(
    input,
    schema.core.attributes,
    (name) => schema.findAttribute(name)?.definition,
    '',
    ctx,
    (key) => key.toLowerCase() === 'schemas' || isExtensionKey(key),
  );
  const out: JsonObject = { schemas, ...value };

  for (const { schema: extension, required } of schema.extensions) {
    const key = findKey(input, extension.id);
    const raw = key === undefined ? undefined : input[key];
    if (raw === undefined || raw === null) {
      if (required) ctx.issues.push(createIssue({ code: 'required', path: extension.id }));
      continue;
    }
    if (!isJsonObject(raw)) {
      ctx.issues.push(
        createIssue({ code: 'invalid_type', path: extension.id, expected: 'complex', received: typeof raw }),
      );
      continue;
    }
    const before = ctx.issues.length;
    const members = validateMembers(
      raw,
      extension.attributes,
      (name) => schema.findAttribute(name, extension.id)?.definition,
      `${extension.id}:`,
      ctx,
    );
    if (members === undefined) {
      if (required && ctx.issues.length === before)
        ctx.issues.push(createIssue({ code: 'required', path: extension.id }));
      continue;
    }
    if (!schemas.includes(extension.id)) {
      ctx.issues.push(createIssue({ code: 'missing_schema', path: 'schemas', schema: extension.id }));
    }
    out[extension.id] = members;
  }
  return ctx.issues.length === 0 ? { ok: true, value: out } : { ok: false, issues: ctx.issues };
}

/**
 * Like {@link validateResource} but returns the normalised resource or throws the
 * `ScimError` of {@link issuesToScimError}.
 */
export function assertResource(
  input: unknown,
  schema: ResourceSchema,
  options: ValidateResourceOptions,
): JsonObject {
  const result = validateResource(input, schema, options);
  if (!result.ok) throw issuesToScimError(result.issues);
  return result.value;
}
