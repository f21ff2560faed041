import { invalidPath, invalidSyntax, invalidValue, noTarget, ScimError } from '../errors/scim-error.js';
import { findKey, isJsonObject, type JsonObject } from '../resource/attribute-access.js';
import { parsePatchPathCached } from '../patch/path-cache.js';
import { PATCH_OP_SCHEMA, PATCH_OPS, type PatchOp, type PatchOperation } from '../patch/patch-operation.js';

/** Default bound on the operations of one PATCH request. */
export const DEFAULT_MAX_PATCH_OPERATIONS = 1_000;

export interface ParsePatchRequestOptions {
  /** Most operations accepted in one request (default {@link DEFAULT_MAX_PATCH_OPERATIONS}). */
  readonly maxOperations?: number;
}

function parseOp(raw: unknown, where: string): PatchOp {
  const op = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  if (op === undefined || !(PATCH_OPS as readonly string[]).includes(op)) {
    const shown = typeof raw === 'string' ? `"${raw}"` : raw === undefined ? 'missing' : `a ${typeof raw}`;
    throw invalidSyntax(`${where}.op: ${shown} is not one of "add", "replace", "remove" (RFC 7644 §3.5.2)`);
  }
  return op as PatchOp;
}

function parseOperation(raw: unknown, index: number): PatchOperation {
  const where = `Operations[${index}]`;
  if (!isJsonObject(raw)) throw invalidSyntax(`${where}: an operation must be a JSON object`);
  const opKey = findKey(raw, 'op');
  const op = parseOp(opKey === undefined ? undefined : raw[opKey], where);
  const pathKey = findKey(raw, 'path');
  const rawPath = pathKey === undefined ? undefined : raw[pathKey];
  const valueKey = findKey(raw, 'value');
  const hasValue = valueKey !== undefined && raw[valueKey] !== undefined;
  const value = hasValue ? raw[valueKey] : undefined;
  if (rawPath !== undefined && rawPath !== null && typeof rawPath !== 'string') {
    throw invalidPath(`${where}.path: must be a string`);
  }
  // Some clients send "path": "" for a path-less operation.
  const pathText = typeof rawPath === 'string' && rawPath.trim() !== '' ? rawPath : undefined;
  if (op !== 'remove' && !hasValue) {
    // RFC 7644 §3.12 "invalidValue: a required value was missing".
    throw invalidValue(`${where}.value: "${op}" needs a "value" (RFC 7644 §3.5.2.1, §3.5.2.3)`);
  }
  if (op === 'remove' && pathText === undefined && !hasValue) {
    throw noTarget(`${where}.path: "remove" needs a "path" (RFC 7644 §3.5.2.2)`);
  }
  if (pathText === undefined) return hasValue ? { op, value } : { op };
  let path;
  try {
    path = parsePatchPathCached(pathText);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    const options =
      error.position === undefined ? { cause: error } : { cause: error, position: error.position };
    throw new ScimError(error.status, error.scimType, `${where}.path: ${error.detail}`, options);
  }
  return hasValue ? { op, path, pathText, value } : { op, path, pathText };
}

/**
 * Reads a PatchOp request body (RFC 7644 §3.5.2): checks `schemas`, bounds and validates
 * `Operations`, normalises `op` to lower case (Entra ID sends `Add`, `Replace`, `Remove`) and
 * parses every `path` once. A `remove` without a path is accepted only with a `value`, which
 * `applyPatch` reads as the values to remove.
 *
 * @throws ScimError 400 `invalidSyntax` for a malformed body, `invalidPath`/`invalidFilter`
 *   for a bad path, `invalidValue` for a missing value, `noTarget` for a `remove` without a
 *   target; 413 when there are more than `maxOperations` operations (as RFC 7644 §3.7.4
 *   answers an oversized bulk request). Details name the operation: `Operations[2].path: ...`.
 * @example
 * const operations = parsePatchRequest(await request.json());
 */
export function parsePatchRequest(body: unknown, options: ParsePatchRequestOptions = {}): PatchOperation[] {
  const maxOperations = options.maxOperations ?? DEFAULT_MAX_PATCH_OPERATIONS;
  if (!isJsonObject(body)) throw invalidSyntax('a PATCH request body must be a JSON object');
  const schemas = readMember(body, 'schemas');
  const lower = PATCH_OP_SCHEMA.toLowerCase();
  if (
    !Array.isArray(schemas) ||
    !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === lower)
  ) {
    throw invalidSyntax(`"schemas" must contain "${PATCH_OP_SCHEMA}" (RFC 7644 §3.5.2)`);
  }
  const operations = readMember(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw invalidSyntax('"Operations" must be a non-empty array (RFC 7644 §3.5.2)');
  }
  if (operations.length > maxOperations) {
    throw new ScimError(
      413,
      undefined,
      `"Operations" has ${operations.length} operations; this service accepts at most ${maxOperations} per request`,
    );
  }
  return operations.map((operation, index) => parseOperation(operation, index));
}

function readMember(body: JsonObject, name: string): unknown {
  const key = findKey(body, name);
  return key === undefined ? undefined : body[key];
}
