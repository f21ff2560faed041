import fc from 'fast-check';
import { ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA } from '../apply-patch.cases.js';

type JsonObject = Record<string, unknown>;

export const USER_ID = '5d48a0a8-e0a5-4b45-9c3b-7f3c9e1b1a01';

const word = fc.stringMatching(/^[A-Za-z][A-Za-z .'-]{0,9}$/);
const localPart = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const emailType = fc.constantFrom('work', 'home', 'other');

/** Up to four emails with distinct addresses and at most one primary. */
const emails = fc
  .uniqueArray(localPart, { maxLength: 4, selector: (s) => s.toLowerCase() })
  .chain((locals) =>
    fc.tuple(
      fc.constant(locals),
      fc.array(emailType, { minLength: locals.length, maxLength: locals.length }),
      fc.integer({ min: -1, max: locals.length - 1 }),
    ),
  )
  .map(([locals, types, primary]) =>
    locals.map((local, index): JsonObject => {
      const email: JsonObject = { value: `${local}@example.com`, type: types[index] };
      if (index === primary) email['primary'] = true;
      return email;
    }),
  );

/** A valid User with a random subset of attributes, the Enterprise extension included sometimes. */
export const userArbitrary: fc.Arbitrary<JsonObject> = fc
  .record(
    {
      userName: localPart,
      displayName: word,
      nickName: word,
      title: word,
      active: fc.boolean(),
      name: fc.record({ givenName: word, familyName: word, middleName: word }, { requiredKeys: [] }),
      emails,
      department: word,
      employeeNumber: fc.stringMatching(/^[0-9]{1,6}$/),
    },
    { requiredKeys: ['userName'] },
  )
  .map(({ department, employeeNumber, name, emails: list, ...core }) => {
    const user: JsonObject = { schemas: [USER_SCHEMA], id: USER_ID, ...core, meta: { resourceType: 'User' } };
    if (name !== undefined && Object.keys(name).length > 0) user['name'] = name;
    if (list !== undefined && list.length > 0) user['emails'] = list;
    const extension: JsonObject = {};
    if (department !== undefined) extension['department'] = department;
    if (employeeNumber !== undefined) extension['employeeNumber'] = employeeNumber;
    if (Object.keys(extension).length > 0) {
      user['schemas'] = [USER_SCHEMA, ENTERPRISE];
      user[ENTERPRISE] = extension;
    }
    return user;
  });

const memberId = fc.uuid();

/** A Group with distinct members. */
export const groupArbitrary: fc.Arbitrary<JsonObject> = fc
  .record({
    displayName: word,
    members: fc.uniqueArray(fc.record({ value: memberId, display: word }, { requiredKeys: ['value'] }), {
      maxLength: 6,
      selector: (m) => m.value.toLowerCase(),
    }),
  })
  .map(({ displayName, members }) => {
    const group: JsonObject = {
      schemas: [GROUP_SCHEMA],
      id: 'b3c1e1a0-0000-4000-8000-000000000001',
      displayName,
    };
    if (members.length > 0) group['members'] = members;
    return group;
  });

/** `replace` operations on a User, in the shapes RFC 7644 and Entra ID use. */
export const userReplaceArbitrary: fc.Arbitrary<JsonObject> = fc.oneof(
  word.map((value) => ({ op: 'replace', path: 'displayName', value })),
  word.map((value) => ({ op: 'Replace', path: 'name.givenName', value })),
  fc.constantFrom(true, false, 'True', 'False').map((value) => ({ op: 'Replace', path: 'active', value })),
  localPart.map((local) => ({
    op: 'Replace',
    path: 'emails[type eq "work"].value',
    value: `${local}@contoso.com`,
  })),
  word.map((value) => ({ op: 'replace', path: `${ENTERPRISE}:department`, value })),
  fc.record({ nick: word, family: word }).map(({ nick, family }) => ({
    op: 'replace',
    value: { nickName: nick, 'name.familyName': family },
  })),
  emails.map((value) => ({ op: 'replace', path: 'emails', value })),
  fc.constant({ op: 'replace', path: 'title', value: null }),
);

/** Operations that succeed on any User from {@link userArbitrary}. */
export const userOperationArbitrary: fc.Arbitrary<JsonObject> = fc.oneof(
  userReplaceArbitrary,
  word.map((value) => ({ op: 'add', path: 'nickName', value })),
  fc.constant({ op: 'remove', path: 'nickName' }),
  fc.constant({ op: 'remove', path: 'emails[type eq "home"]' }),
  localPart.map((local) => ({
    op: 'add',
    path: 'emails',
    value: [{ value: `${local}@example.org`, type: 'other' }],
  })),
  fc.constant({ op: 'Remove', path: `${ENTERPRISE}:department` }),
  word.map((value) => ({ op: 'Add', value: { [ENTERPRISE]: { division: value } } })),
  word.map((value) => ({ op: 'replace', path: 'emails[type eq "home"].display', value })),
);

/** Operations that always fail, each with a different error. */
export const failingOperationArbitrary: fc.Arbitrary<JsonObject> = fc.constantFrom(
  { op: 'replace', path: 'favouriteColour', value: 'blue' },
  { op: 'remove', path: 'userName' },
  { op: 'replace', path: 'id', value: 'another-id' },
  { op: 'replace', path: 'active', value: 42 },
  { op: 'replace', path: 'addresses[type eq "nowhere"]', value: { type: 'nowhere' } },
  { op: 'add', path: 'groups', value: [{ value: 'g1' }] },
  {
    op: 'add',
    path: 'emails',
    value: [
      { value: 'a@example.com', primary: true },
      { value: 'b@example.com', primary: true },
    ],
  },
);

/** Freezes a JSON value all the way down, so any write to it throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
