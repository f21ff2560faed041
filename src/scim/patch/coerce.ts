import { isJsonObject } from '../resource/attribute-access.js';
import { issuesToScimError } from '../resource/issues.js';
import { validateAttributeValue, type ValueValidationContext } from '../resource/validate-value.js';
import type { AttributeDefinition } from '../schema/attribute.js';
import { findSubAttribute } from '../schema/schema-registry.js';

function validationContext(): ValueValidationContext {
  return { issues: [], unknownAttributes: 'reject', enforceCanonicalValues: false };
}

/**
 * Entra ID sends a single-valued complex attribute whose identity is its `value` sub-attribute
 * (the Enterprise `manager`) as a bare string; read it as `{ value }`. Decided from metadata.
 */
function wrapBareValue(definition: AttributeDefinition, value: unknown): unknown {
  if (definition.type !== 'complex' || value === null || typeof value === 'object') return value;
  return findSubAttribute(definition, 'value') === undefined ? value : { value };
}

/**
 * Type-checks and normalises the whole value of an attribute with the shared per-attribute
 * checker of `src/scim/resource` (so PATCH and POST/PUT agree on types, canonical names and
 * Entra's `"True"`/`"False"` booleans). A single value given for a multi-valued attribute is
 * read as a one-element list. `undefined` means unassigned (null, `[]`, `{}`; RFC 7643 §2.5).
 * The result is a fresh object or array, never one the caller holds.
 *
 * @throws ScimError 400 `invalidValue`
 */
export function normalizeAttributeValue(
  definition: AttributeDefinition,
  value: unknown,
  where: string,
): unknown {
  let input = value;
  if (definition.multiValued) {
    if (input !== null && input !== undefined && !Array.isArray(input)) input = [input];
    if (Array.isArray(input)) input = input.map((item) => wrapBareValue(definition, item));
  } else {
    input = wrapBareValue(definition, input);
  }
  const ctx = validationContext();
  const normalised = validateAttributeValue(definition, input, where, ctx);
  if (ctx.issues.length > 0) throw issuesToScimError(ctx.issues);
  return normalised;
}

/** Normalises the values for a multi-valued attribute as a list (possibly empty). */
export function normalizeValues(definition: AttributeDefinition, value: unknown, where: string): unknown[] {
  const normalised = normalizeAttributeValue(definition, value, where);
  return Array.isArray(normalised) ? normalised : [];
}

/**
 * Normalises one complex value of a multi-valued attribute (or a single-valued complex
 * attribute's value). `undefined` when it has no sub-attribute left.
 *
 * @throws ScimError 400 `invalidValue` when the value is not an object or a sub-attribute is wrong
 */
export function normalizeComplexValue(
  definition: AttributeDefinition,
  value: unknown,
  where: string,
): Record<string, unknown> | undefined {
  const normalised = definition.multiValued
    ? normalizeValues(definition, [value], where)[0]
    : normalizeAttributeValue(definition, value, where);
  return isJsonObject(normalised) ? normalised : undefined;
}
