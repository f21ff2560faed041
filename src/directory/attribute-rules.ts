import type { JsonObject } from '../scim/index.js';
import { directoryError } from './errors.js';

/**
 * How an attribute's value is checked: plain text, a boolean (also `"true"`/`"false"`, as a CLI
 * flag or a CSV cell gives it), a list of strings (one string is a list of one), or text
 * matching a pattern.
 */
export type AttributeKind =
  | { readonly type: 'string'; readonly pattern?: RegExp; readonly expected?: string }
  | { readonly type: 'boolean' }
  | { readonly type: 'strings' };

export type ObjectKind = 'user' | 'group';

/** `user@domain.tld`: no spaces, one `@`, a dotted DNS name after it. */
export const PRINCIPAL_NAME =
  /^[^@\s]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Graph's custom directory extensions: `extension_<appId>_<name>`. */
const EXTENSION = /^extension_[A-Za-z0-9_]+$/;

/** A canonical attribute name (case-insensitive match against `known`), or undefined when unknown. */
export function canonicalName(name: string, known: ReadonlyMap<string, string>): string | undefined {
  if (EXTENSION.test(name)) return name;
  return known.get(name.toLowerCase());
}

export function lowerCaseIndex(names: Iterable<string>): ReadonlyMap<string, string> {
  return new Map([...names].map((name) => [name.toLowerCase(), name]));
}

/** The checked value; `null` means "clear" (an empty string clears too). */
export function checkValue(
  objectType: ObjectKind,
  attribute: string,
  kind: AttributeKind,
  value: unknown,
): unknown {
  if (value === null || value === '') return null;
  const invalid = (reason: string) =>
    directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE', { objectType, attribute, reason });
  switch (kind.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      throw invalid('expected true or false');
    case 'strings': {
      const list: unknown[] = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [0];
      if (!list.every((item) => typeof item === 'string')) throw invalid('expected a list of strings');
      return list;
    }
    case 'string':
      if (typeof value !== 'string') throw invalid('expected a string');
      if (kind.pattern !== undefined && !kind.pattern.test(value)) {
        throw invalid(`expected ${kind.expected ?? 'another form'}, got "${value}"`);
      }
      return value;
  }
}

/** Values of `extension_*` attributes: what Graph's extension property types allow. */
export function checkExtensionValue(objectType: ObjectKind, attribute: string, value: unknown): unknown {
  if (value === null || value === '') return null;
  const ok =
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  if (!ok) {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE', {
      objectType,
      attribute,
      reason: 'expected a string, number, boolean or list of strings',
    });
  }
  return value;
}

/** The given `id` (a GUID, lower-cased) or undefined. */
export function checkId(objectType: ObjectKind, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !GUID.test(value)) {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE', {
      objectType,
      attribute: 'id',
      reason: 'expected a GUID (e.g. 6e1c3f0e-93b4-4d1c-8f7a-2f8f3c1b9a10)',
    });
  }
  return value.toLowerCase();
}

/** A given `createdDateTime` (imports keep it), as an ISO 8601 date-time, or undefined. */
export function checkCreated(objectType: ObjectKind, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !ISO_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE', {
      objectType,
      attribute: 'createdDateTime',
      reason: 'expected an ISO 8601 date-time',
    });
  }
  return new Date(value).toISOString();
}

/** Applies a partial update: given values replace, `null` removes. */
export function mergeAttributes(current: JsonObject, changes: JsonObject): JsonObject {
  const merged: JsonObject = { ...current };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** The parts every Graph object input has, after checking. */
export interface ObjectInput {
  readonly id: string | undefined;
  /** Canonical names → checked values; `null` asks to clear (updates). */
  readonly attributes: JsonObject;
  readonly createdDateTime: string | undefined;
}

/**
 * Checks a Graph object's input: names case-insensitively against `kinds` (plus `id`,
 * `createdDateTime` and `extension_*`), each value by its kind. `special` takes the names that
 * are not plain attributes (e.g. a user's `manager`) and checks them itself.
 * @throws DirectoryError (UNKNOWN_ATTRIBUTE, INVALID_ATTRIBUTE)
 */
export function parseObjectInput(
  objectType: ObjectKind,
  input: JsonObject,
  kinds: Readonly<Record<string, AttributeKind>>,
  known: ReadonlyMap<string, string>,
  special?: (name: string, value: unknown) => boolean,
): ObjectInput {
  const attributes: JsonObject = {};
  let id: string | undefined;
  let created: string | undefined;
  for (const [given, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const name = canonicalName(given, known);
    if (name === undefined) {
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE', { objectType, attribute: given });
    }
    if (name === 'id') id = checkId(objectType, value);
    else if (name === 'createdDateTime') created = checkCreated(objectType, value);
    else if (special?.(name, value) !== true) {
      const kind = kinds[name];
      attributes[name] =
        kind === undefined
          ? checkExtensionValue(objectType, name, value)
          : checkValue(objectType, name, kind, value);
    }
  }
  return { id, attributes, createdDateTime: created };
}
