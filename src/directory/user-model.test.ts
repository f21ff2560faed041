import { describe, expect, it } from 'vitest';
import { isDirectoryError } from './errors.js';
import { completeGroupAttributes, parseGroupInput } from './group-model.js';
import { checkUserUpdate, newUserAttributes, parseUserInput } from './user-model.js';

function errorOf(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('the Graph user model', () => {
  it('canonicalises attribute names case-insensitively and coerces CLI/CSV values', () => {
    const parsed = parseUserInput({
      USERPRINCIPALNAME: 'ada@example.com',
      accountenabled: 'FALSE',
      businessPhones: '+47 1234',
      extensionattribute15: 'x',
      extension_0a1b_costCenter: 42,
      manager: { id: 'boss@example.com' },
      ID: '6E1C3F0E-93B4-4D1C-8F7A-2F8F3C1B9A10',
    });
    expect(parsed).toEqual({
      id: '6e1c3f0e-93b4-4d1c-8f7a-2f8f3c1b9a10',
      attributes: {
        userPrincipalName: 'ada@example.com',
        accountEnabled: false,
        businessPhones: ['+47 1234'],
        extensionAttribute15: 'x',
        extension_0a1b_costCenter: 42,
      },
      manager: 'boss@example.com',
      createdDateTime: undefined,
    });
  });

  it('rejects unknown attributes by name, and bad values with the attribute and the reason', () => {
    for (const name of ['extensionAttribute16', 'deletedDateTime', 'members', 'userName']) {
      const error = errorOf(() => parseUserInput({ userPrincipalName: 'a@b.co', [name]: 'x' }));
      expect(isDirectoryError(error, 'SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE')).toBe(true);
      expect((error as { params: unknown }).params).toEqual({ objectType: 'user', attribute: name });
    }
    const cases: [string, unknown][] = [
      ['userPrincipalName', 'no-at-sign'],
      ['userPrincipalName', 'a b@example.com'],
      ['mail', 'x@'],
      ['accountEnabled', 'yes'],
      ['businessPhones', [1]],
      ['usageLocation', 'NOR'],
      ['givenName', 5],
      ['id', 'not-a-guid'],
      ['createdDateTime', 'yesterday'],
      ['manager', 7],
      ['extension_app_x', { nested: true }],
    ];
    for (const [attribute, value] of cases) {
      const error = errorOf(() => parseUserInput({ [attribute]: value }));
      expect(isDirectoryError(error, 'SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE'), attribute).toBe(true);
      expect((error as { params: { attribute: string } }).params.attribute).toBe(attribute);
    }
  });

  it('requires a userPrincipalName, defaults accountEnabled to true, and lets null clear', () => {
    const missing = errorOf(() => newUserAttributes(parseUserInput({ givenName: 'Ada' }).attributes));
    expect(isDirectoryError(missing, 'SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE')).toBe(true);
    expect(newUserAttributes(parseUserInput({ userPrincipalName: 'a@b.co', city: null }).attributes)).toEqual(
      {
        userPrincipalName: 'a@b.co',
        accountEnabled: true,
      },
    );
    expect(parseUserInput({ city: '' }).attributes).toEqual({ city: null });
    const cleared = errorOf(() => checkUserUpdate({ city: 'x' }));
    expect(isDirectoryError(cleared, 'SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE')).toBe(true);
    expect(checkUserUpdate({ userPrincipalName: 'a@b.co' })).toEqual({
      userPrincipalName: 'a@b.co',
      accountEnabled: true,
    });
  });
});

describe('the Graph group model', () => {
  it('requires a non-blank displayName and defaults securityEnabled to true', () => {
    expect(
      completeGroupAttributes(parseGroupInput({ DisplayName: 'Sales', description: null }).attributes),
    ).toEqual({
      displayName: 'Sales',
      securityEnabled: true,
    });
    const blank = errorOf(() => completeGroupAttributes(parseGroupInput({ displayName: '  ' }).attributes));
    expect(isDirectoryError(blank, 'SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE')).toBe(true);
    const unknown = errorOf(() => parseGroupInput({ displayName: 'x', members: [] }));
    expect((unknown as { params: unknown }).params).toEqual({ objectType: 'group', attribute: 'members' });
    const invalid = errorOf(() => parseGroupInput({ securityEnabled: 'maybe' }));
    expect(isDirectoryError(invalid, 'SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE')).toBe(true);
  });
});
