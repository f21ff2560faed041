import type { JsonObject } from '../scim/index.js';
import {
  lowerCaseIndex,
  parseObjectInput,
  PRINCIPAL_NAME,
  type AttributeKind,
  type ObjectInput,
} from './attribute-rules.js';
import { directoryError } from './errors.js';

const TEXT: AttributeKind = { type: 'string' };

/** The Graph user attributes kept in a record's `attributes` (not `id`, `manager`, dates). */
export const USER_ATTRIBUTES: Readonly<Record<string, AttributeKind>> = Object.freeze({
  userPrincipalName: { type: 'string', pattern: PRINCIPAL_NAME, expected: 'user@domain form' },
  mail: { type: 'string', pattern: PRINCIPAL_NAME, expected: 'an e-mail address' },
  mailNickname: TEXT,
  givenName: TEXT,
  surname: TEXT,
  displayName: TEXT,
  accountEnabled: { type: 'boolean' },
  department: TEXT,
  jobTitle: TEXT,
  employeeId: TEXT,
  companyName: TEXT,
  officeLocation: TEXT,
  city: TEXT,
  country: TEXT,
  usageLocation: { type: 'string', pattern: /^[A-Za-z]{2}$/, expected: 'a two-letter country code' },
  mobilePhone: TEXT,
  businessPhones: { type: 'strings' },
  faxNumber: TEXT,
  streetAddress: TEXT,
  postalCode: TEXT,
  preferredLanguage: TEXT,
  ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`extensionAttribute${i + 1}`, TEXT])),
});

const KNOWN = lowerCaseIndex([...Object.keys(USER_ATTRIBUTES), 'id', 'manager', 'createdDateTime']);

/** A user as given to create or update, checked attribute by attribute. */
export interface UserInput extends ObjectInput {
  /** The manager as given (id or userPrincipalName); `null` clears, undefined leaves as is. */
  readonly manager: string | null | undefined;
}

/**
 * Checks a Graph-shaped user: attribute names case-insensitively (canonical spelling kept),
 * value types, `id` a GUID, `manager` an id, UPN or `{ "id": … }`. Unknown attributes are
 * rejected by name.
 * @throws DirectoryError (UNKNOWN_ATTRIBUTE, INVALID_ATTRIBUTE)
 */
export function parseUserInput(input: JsonObject): UserInput {
  let manager: string | null | undefined;
  const parsed = parseObjectInput('user', input, USER_ATTRIBUTES, KNOWN, (name, value) => {
    if (name !== 'manager') return false;
    manager = checkManager(value);
    return true;
  });
  return { ...parsed, manager };
}

function checkManager(value: unknown): string | null {
  if (value === null || value === '') return null;
  const ref = typeof value === 'object' && !Array.isArray(value) ? (value as { id?: unknown }).id : value;
  if (typeof ref !== 'string' || ref === '') {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE', {
      objectType: 'user',
      attribute: 'manager',
      reason: 'expected a user id or userPrincipalName',
    });
  }
  return ref;
}

/** Attributes of a new user: nulls dropped, UPN required, `accountEnabled` true unless given. */
export function newUserAttributes(attributes: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [name, value] of Object.entries(attributes)) if (value !== null) result[name] = value;
  if (typeof result.userPrincipalName !== 'string') {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE', {
      objectType: 'user',
      attribute: 'userPrincipalName',
    });
  }
  result.accountEnabled ??= true;
  return result;
}

/** Checks an update's effect: the UPN cannot be cleared; clearing accountEnabled enables. */
export function checkUserUpdate(merged: JsonObject): JsonObject {
  if (typeof merged.userPrincipalName !== 'string') {
    throw directoryError('SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE', {
      objectType: 'user',
      attribute: 'userPrincipalName',
    });
  }
  return { ...merged, accountEnabled: merged.accountEnabled ?? true };
}
