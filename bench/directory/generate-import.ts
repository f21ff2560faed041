/**
 * A synthetic Graph-shaped import file: `users` users (every 50th manages the next 49), `groups`
 * groups and `memberships` user memberships spread evenly over the groups. Deterministic, so
 * every engine imports the same file.
 */
import { writeFile } from 'node:fs/promises';

export interface ImportShape {
  readonly users: number;
  readonly groups: number;
  readonly memberships: number;
}

const guid = (kind: number, n: number) =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export async function writeImportFile(path: string, shape: ImportShape): Promise<number> {
  const users = Array.from({ length: shape.users }, (_, i) => ({
    id: guid(1, i),
    userPrincipalName: `user${i}@bench.example.com`,
    givenName: `Given${i}`,
    surname: `Surname${i}`,
    displayName: `Given${i} Surname${i}`,
    department: `Department ${i % 40}`,
    jobTitle: 'Engineer',
    accountEnabled: i % 97 !== 0,
    ...(i % 50 === 0 ? {} : { manager: guid(1, i - (i % 50)) }),
  }));
  const perGroup = Math.floor(shape.memberships / shape.groups);
  const groups = Array.from({ length: shape.groups }, (_, g) => ({
    id: guid(2, g),
    displayName: `Group ${g}`,
    description: `Benchmark group ${g}`,
    members: Array.from({ length: perGroup }, (_, k) => guid(1, (g * perGroup + k) % shape.users)),
  }));
  const text = JSON.stringify({ users, groups }, null, 1);
  await writeFile(path, text);
  return text.length;
}
