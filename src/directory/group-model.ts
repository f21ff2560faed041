import type { JsonObject } from '../scim/index.js';
import {
  canonicalName,
  checkCreated,
  checkExtensionValue,
  checkId,
  checkValue,
  lowerCaseIndex,
  type AttributeKind,
} from './attribute-rules.js';
import { directoryError } from './errors.js';

/** The Graph group attributes kept in a record's `attributes` (members live in their own table). */
export const GROUP_ATTRIBUTES: Readonly<Record<string, AttributeKind>> = Object.freeze({
  displayName: { type: 'string' },
  description: { type: 'string' },
  mailNickname: { type: 'string' },
  securityEnabled: { type: 'boolean' },
});

const KNOWN = lowerCaseIndex([...Object.keys(GROUP_ATTRIBUTES), 'id', 'createdDateTime']);

export interface GroupInput {
  readonly id: string | undefined;
  /** Canonical names → checked values; `null` asks to clear (updates). */
  readonly attributes: JsonObject;
  readonly createdDateTime: string | undefined;
}

/**
 * Checks a Graph-shaped group (without `members`: the importer and the API add those apart).
 * @throws DirectoryError (UNKNOWN_ATTRIBUTE, INVALID_ATTRIBUTE)
 */
export function parseGroupInput(input: JsonObject): GroupInput {
  const attributes: JsonObject = {};
  let id: string | undefined;
  let created: string | undefined;
  for (const [given, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const name = canonicalName(given, KNOWN);
    if (name === undefined) {
      throw directoryError('SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE', {
        objectType: 'group',
        attribute: given,
      });
    }
    if (name === 'id') id = checkId('group', value);
    else if (name === 'createdDateTime') created = checkCreated('group', value);
    else {
      const kind = GROUP_ATTRIBUTES[name];
      attributes[name] =
        kind === undefined
          ? checkExtensionValue('group', name, value)
          : checkValue('group', name, kind, value);
    }
  }
  return { id, attributes, createdDateTime: created };
}

/** A group's attributes after create or update: a non-blank displayName, securityEnabled default true. */
export function completeGroupAttributes(attributes: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== null) result[name] = value;
  if (typeof result.displayName !== 'string' || result.displayName.trim() === '') {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE', {
      objectType: 'group',
      attribute: 'displayName',
    });
  }
  result.securityEnabled ??= true;
  return result;
}
