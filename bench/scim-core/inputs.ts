/** Realistic, deterministic inputs shared by scimsync and the baseline libraries. */
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface BenchUser extends Record<string, unknown> {
  id: string;
  userName: string;
}

export function makeUsers(count: number): BenchUser[] {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(5, '0');
    const domain = i % 3 === 0 ? 'example.org' : 'example.com';
    users.push({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
      id: `2819c223-7f76-453a-919d-4138619${n}`,
      externalId: `ext-${n}`,
      userName: `user${n}@example.com`,
      name: { formatted: `Given${n} Family${n}`, familyName: `Family${n}`, givenName: `Given${n}` },
      displayName: `Given${n} Family${n}`,
      title: i % 4 === 0 ? undefined : 'Engineer',
      userType: i % 5 === 0 ? 'Contractor' : 'Employee',
      active: i % 7 !== 0,
      emails: [
        { value: `user${n}@${domain}`, type: 'work', primary: true },
        { value: `user${n}@home.example`, type: 'home' },
      ],
      phoneNumbers: [{ value: `+1 555 01${n}`, type: 'work' }],
      [ENTERPRISE]: { employeeNumber: n, department: i % 2 === 0 ? 'Sales' : 'Engineering' },
      meta: {
        resourceType: 'User',
        created: '2024-01-01T00:00:00Z',
        lastModified: `2024-${String((i % 12) + 1).padStart(2, '0')}-15T08:30:00Z`,
        version: `W/"${i}"`,
      },
    });
  }
  return users;
}

/** What Entra sends before creating a user (REFERENCE.md §8). */
export const ENTRA_USERNAME_FILTER = 'userName eq "user00500@example.com"';

/** Three clauses: a complex attribute filter, a string equality and a dateTime comparison. */
export const COMPLEX_FILTER =
  'userType eq "Employee" and emails[type eq "work" and value ew "@example.com"] and meta.lastModified gt "2024-06-01T00:00:00Z"';

/** A 5-operation PATCH as Entra sends it (capitalised ops, filtered and URN paths). */
export const ENTRA_PATCH = {
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [
    { op: 'Replace', path: 'displayName', value: 'Jane Q. Doe' },
    { op: 'Replace', path: 'name.familyName', value: 'Doe-Smith' },
    { op: 'Replace', path: 'emails[type eq "work"].value', value: 'jane.doe-smith@example.com' },
    { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Marketing' },
    { op: 'Replace', path: 'active', value: false },
  ],
};
