/**
 * The benchmark's population, deterministic so every process derives the same data from an
 * index: user i as the directory holds it (Graph shape) and as the generic-scim profile sends it
 * to the target (SCIM shape, what the baseline POSTs). Every user is enabled, has no manager and
 * sits in exactly `memberships / users` groups, so every user is entitled through its groups and
 * the engine's users phase is one create per user, like the baseline.
 */
import type { JsonObject } from '../../src/scim/index.js';

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const TITLES = ['Engineer', 'Senior Engineer', 'Manager', 'Director', 'Analyst', 'Specialist', 'Associate'];
const CITIES = ['Berlin', 'Lisbon', 'Toronto', 'Osaka', 'Nairobi', 'Austin', 'Lyon', 'Perth'];

export interface PopulationShape {
  readonly users: number;
  readonly groups: number;
  readonly memberships: number;
}

/** 100,000 users → 1,000 groups and 200,000 memberships; smaller runs keep the proportions. */
export function populationShape(users: number): PopulationShape {
  return { users, groups: Math.max(1, Math.round(users / 100)), memberships: users * 2 };
}

const guid = (kind: number, n: number): string =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const userId = (i: number): string => guid(1, i);
export const groupId = (g: number): string => guid(2, g);

interface UserFacts {
  readonly upn: string;
  readonly nickname: string;
  readonly given: string;
  readonly surname: string;
  readonly title: string;
  readonly department: string;
  readonly employeeId: string;
  readonly city: string;
  readonly mobile: string;
}

function facts(i: number): UserFacts {
  return {
    upn: `user${i}@bench.example.com`,
    nickname: `user${i}`,
    given: `Given${i}`,
    surname: `Surname${i % 9_973}`,
    title: TITLES[i % TITLES.length] ?? 'Engineer',
    department: `Department ${i % 40}`,
    employeeId: String(100_000 + i),
    city: CITIES[i % CITIES.length] ?? 'Berlin',
    mobile: `+1 555 ${String(i % 10_000_000).padStart(7, '0')}`,
  };
}

/** User i as a Graph-shaped import record. */
export function graphUser(i: number): JsonObject {
  const f = facts(i);
  return {
    id: userId(i),
    userPrincipalName: f.upn,
    mail: f.upn,
    mailNickname: f.nickname,
    givenName: f.given,
    surname: f.surname,
    displayName: `${f.given} ${f.surname}`,
    jobTitle: f.title,
    department: f.department,
    employeeId: f.employeeId,
    city: f.city,
    mobilePhone: f.mobile,
    accountEnabled: true,
  };
}

/**
 * User i as the generic-scim profile maps it (Entra's default SCIM mappings): the body of the
 * engine's POST. The benchmark checks that both roads store the same resource.
 */
export function scimUserBody(i: number): JsonObject {
  const f = facts(i);
  return {
    schemas: [CORE_USER, ENTERPRISE],
    userName: f.upn,
    active: true,
    displayName: `${f.given} ${f.surname}`,
    title: f.title,
    emails: [{ type: 'work', value: f.upn }],
    name: { givenName: f.given, familyName: f.surname, formatted: `${f.given} ${f.surname}` },
    addresses: [{ type: 'work', locality: f.city }],
    phoneNumbers: [{ type: 'mobile', value: f.mobile }],
    externalId: f.nickname,
    [ENTERPRISE]: { employeeNumber: f.employeeId, department: f.department },
  };
}

/** The whole directory as the JSON import format: users, then groups with their member ids. */
export function importText(shape: PopulationShape): string {
  const perGroup = Math.floor(shape.memberships / shape.groups);
  const parts: string[] = [];
  for (let i = 0; i < shape.users; i++) parts.push(JSON.stringify(graphUser(i)));
  const users = parts.join(',\n');
  parts.length = 0;
  for (let g = 0; g < shape.groups; g++) {
    const members = Array.from({ length: perGroup }, (_, k) => userId((g * perGroup + k) % shape.users));
    parts.push(
      JSON.stringify({ id: groupId(g), displayName: `Group ${g}`, description: `Bench ${g}`, members }),
    );
  }
  return `{"users":[\n${users}\n],"groups":[\n${parts.join(',\n')}\n]}`;
}
