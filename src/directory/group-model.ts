import type { JsonObject } from '../scim/index.js';
import { lowerCaseIndex, parseObjectInput, type AttributeKind, type ObjectInput } from './attribute-rules.js';
import { directoryError } from './errors.js';

/** The Graph group attributes kept in a record's `attributes` (members live in their own table). */
export const GROUP_ATTRIBUTES: Readonly<Record<string, AttributeKind>> = Object.freeze({
  displayName: { type: 'string' },
  description: { type: 'string' },
  mailNickname: { type: 'string' },
  securityEnabled: { type: 'boolean' },
});

const KNOWN = lowerCaseIndex([...Object.keys(GROUP_ATTRIBUTES), 'id', 'createdDateTime']);

export type GroupInput = ObjectInput;

/**
 * Checks a Graph-shaped group (without `members`: the importer and the API add those apart).
 * @throws DirectoryError (UNKNOWN_ATTRIBUTE, INVALID_ATTRIBUTE)
 */
export function parseGroupInput(input: JsonObject): GroupInput {
  return parseObjectInput('group', input, GROUP_ATTRIBUTES, KNOWN);
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
