import { invalidValue, noTarget, ScimError } from '../errors/scim-error.js';
import { printPatchPath } from '../path/index.js';
import { findKey, getMember, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import type { ResourceSchema } from '../schema/schema-registry.js';
import { applyAdd } from './add.js';
import { jsonEqual } from './json-equal.js';
import { guardMutability } from './mutability.js';
import { PatchContext, type AttributeLocation } from './patch-context.js';
import type { ApplyPatchOptions, ApplyPatchResult, PatchOp, PatchOperation } from './patch-operation.js';
import { resolvePatchTarget, type ExtensionTarget, type PatchTarget } from './patch-target.js';
import { applyRemove } from './remove.js';
import { applyReplace } from './replace.js';
import { expandValueMap } from './value-map.js';

/**
 * Applies the operations of one PATCH request to a resource (RFC 7644 §3.5.2), in order and
 * atomically: all apply or the call throws and nothing changed. The input is never mutated;
 * the result shares the containers no operation touched with it.
 *
 * Behaviour beyond the RFC's letter, for real clients (Entra ID in particular): operation names
 * in any case (normalised by `parsePatchRequest`), booleans as `"True"`/`"False"`, path-less
 * value members that are paths, `remove` by value, and creation of a value selected by an
 * `eq` filter when a sub-attribute is added or replaced and nothing matches.
 *
 * @throws ScimError 400 (`invalidPath`, `invalidValue`, `noTarget`, `mutability`,
 *   `invalidFilter`), its detail starting with the failing operation, e.g. `Operations[2].path: ...`.
 * @example
 * const { resource, changed } = applyPatch(user, parsePatchRequest(body), registry.resourceSchema('User'));
 */
export function applyPatch(
  resource: JsonObject,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
  options: ApplyPatchOptions = {},
): ApplyPatchResult {
  const ctx = new PatchContext(resource, schema, options);
  for (let index = 0; index < operations.length; index++) {
    try {
      applyOperation(ctx, operations[index]!);
    } catch (error) {
      throw locateError(error, index);
    }
  }
  syncExtensionSchemas(ctx);
  return summarize(ctx);
}

function applyOperation(ctx: PatchContext, operation: PatchOperation): void {
  const { op, path, value } = operation;
  if (path === undefined) {
    if (op === 'remove' && value === undefined) {
      throw noTarget('"remove" needs a "path" (RFC 7644 §3.5.2.2)');
    }
    for (const [target, item] of expandValueMap(value, ctx.schema)) applyToTarget(ctx, op, target, item);
    return;
  }
  const text = operation.pathText ?? printPatchPath(path);
  applyToTarget(ctx, op, resolvePatchTarget(path, ctx.schema, text), value);
}

function applyToTarget(ctx: PatchContext, op: PatchOp, target: PatchTarget, value: unknown): void {
  if (target.kind === 'extension') {
    applyToExtension(ctx, op, target, value);
    return;
  }
  if (op !== 'remove' && value === undefined) {
    throw invalidValue(`"${target.text}": "${op}" needs a "value" (RFC 7644 §3.5.2)`);
  }
  const guard = guardMutability(ctx, target, op, value);
  if (guard.kind === 'skip') return;
  ctx.written = [];
  if (op === 'add') applyAdd(ctx, target, value);
  else if (op === 'replace') applyReplace(ctx, target, value);
  else applyRemove(ctx, target, value);
  guard.after?.();
}

/** A path naming a whole extension: its value is a map of the extension's attributes. */
function applyToExtension(ctx: PatchContext, op: PatchOp, target: ExtensionTarget, value: unknown): void {
  if (op === 'remove' && value === undefined) {
    const extension = ctx.schema.findExtension(target.extension)!;
    for (const attribute of extension.attributes) {
      const path = { schema: extension.id, attribute: attribute.name };
      applyToTarget(ctx, 'remove', resolvePatchTarget(path, ctx.schema, target.text), undefined);
    }
    return;
  }
  if (value === null && op === 'replace') {
    applyToExtension(ctx, 'remove', target, undefined);
    return;
  }
  for (const [inner, item] of expandValueMap(value, ctx.schema, target.extension)) {
    applyToTarget(ctx, op, inner, item);
  }
}

/**
 * RFC 7643 §3: `schemas` lists the extensions whose attributes the resource has. An extension
 * object a request emptied is removed with its URN; one it filled gets its URN listed.
 */
function syncExtensionSchemas(ctx: PatchContext): void {
  const { root } = ctx;
  for (const urn of ctx.touchedExtensions) {
    const key = findKey(root, urn);
    const object = key === undefined ? undefined : root[key];
    const present = isJsonObject(object) && Object.keys(object).length > 0;
    if (!present && key !== undefined) delete root[key];
    const schemasKey = findKey(root, 'schemas') ?? 'schemas';
    const current = root[schemasKey];
    const schemas: unknown[] = Array.isArray(current) ? current : [ctx.schema.core.id];
    const lower = urn.toLowerCase();
    const listed = schemas.some((item) => typeof item === 'string' && item.toLowerCase() === lower);
    if (present && !listed) root[schemasKey] = [...schemas, urn];
    if (!present && listed) {
      root[schemasKey] = schemas.filter((item) => typeof item !== 'string' || item.toLowerCase() !== lower);
    }
  }
}

function readLocation(resource: JsonObject, location: AttributeLocation): unknown {
  if (location.extension === undefined) return getMember(resource, location.name);
  const extension = getMember(resource, location.extension);
  return isJsonObject(extension) ? getMember(extension, location.name) : undefined;
}

function summarize(ctx: PatchContext): ApplyPatchResult {
  const changedAttributes: string[] = [];
  const seen = new Set<string>();
  for (const location of ctx.touched) {
    if (seen.has(location.label)) continue;
    seen.add(location.label);
    if (!jsonEqual(readLocation(ctx.source, location), readLocation(ctx.root, location))) {
      changedAttributes.push(location.label);
    }
  }
  if (!jsonEqual(getMember(ctx.source, 'schemas'), getMember(ctx.root, 'schemas')))
    changedAttributes.push('schemas');
  return { resource: ctx.root, changed: changedAttributes.length > 0, changedAttributes };
}

/** Prefixes a protocol error with the operation it came from; anything else is a bug and propagates. */
function locateError(error: unknown, index: number): unknown {
  if (!(error instanceof ScimError)) return error;
  const member =
    error.scimType === 'invalidPath' ? '.path' : error.scimType === 'invalidValue' ? '.value' : '';
  const options =
    error.position === undefined ? { cause: error } : { cause: error, position: error.position };
  return new ScimError(
    error.status,
    error.scimType,
    `Operations[${index}]${member}: ${error.detail}`,
    options,
  );
}
