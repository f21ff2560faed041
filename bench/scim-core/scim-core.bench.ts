/**
 * bench/scim-core: filter parsing, filter evaluation and PATCH throughput of src/scim against
 * the npm packages scim2-parse-filter and scim-patch on the same inputs, in the same process.
 */
import { filter as baselineCompile, parse as baselineParse } from 'scim2-parse-filter';
import { scimPatch } from 'scim-patch';
import type { ScimPatchOperation } from 'scim-patch';
import {
  applyPatch,
  compileFilter,
  parseFilter,
  parsePatchRequest,
  SchemaRegistry,
  type JsonObject,
} from '../../src/scim/index.js';
import { formatRate, markdownTable, measure } from '../lib/measure.js';
import { COMPLEX_FILTER, ENTRA_PATCH, ENTRA_USERNAME_FILTER, makeUsers } from './inputs.js';

interface Row {
  readonly name: string;
  readonly unit: string;
  readonly scale: number;
  readonly ours: () => unknown;
  readonly baseline: () => unknown;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`bench/scim-core: the contenders disagree: ${message}`);
}

export function run(): void {
  const schema = SchemaRegistry.withCoreSchemas().resourceSchema('User');
  const users = makeUsers(1_000);

  const rows: Row[] = [];
  for (const [label, text] of [
    ['Entra `userName eq`', ENTRA_USERNAME_FILTER],
    ['3-clause complex filter', COMPLEX_FILTER],
  ] as const) {
    rows.push({
      name: `parse: ${label}`,
      unit: 'parses/s',
      scale: 1,
      ours: () => parseFilter(text),
      baseline: () => baselineParse(text),
    });
    const ourPredicate = compileFilter(parseFilter(text), schema);
    const theirPredicate = baselineCompile(baselineParse(text));
    const ourCount = users.filter((u) => ourPredicate(u)).length;
    const theirCount = users.filter((u) => theirPredicate(u)).length;
    check(ourCount === theirCount && ourCount > 0, `${label}: ${ourCount} vs ${theirCount} matches`);
    rows.push({
      name: `evaluate: ${label} (1,000 users a scan)`,
      unit: 'users/s',
      scale: users.length,
      ours: () => {
        let n = 0;
        for (const user of users) if (ourPredicate(user)) n++;
        return n;
      },
      baseline: () => {
        let n = 0;
        for (const user of users) if (theirPredicate(user)) n++;
        return n;
      },
    });
    rows.push({
      name: `parse + compile + test one user: ${label}`,
      unit: 'requests/s',
      scale: 1,
      ours: () => compileFilter(parseFilter(text), schema)(users[500] as JsonObject),
      baseline: () => baselineCompile(baselineParse(text))(users[500]),
    });
  }

  const user = users[42] as JsonObject;
  const ours = applyPatch(user, parsePatchRequest(ENTRA_PATCH), schema).resource;
  const theirs = scimPatch(user as never, ENTRA_PATCH.Operations as ScimPatchOperation[], {
    mutateDocument: false,
    treatMissingAsAdd: true,
  }) as unknown as JsonObject;
  check(
    JSON.stringify(ours['emails']) === JSON.stringify(theirs['emails']),
    'PATCH results differ in emails',
  );
  check(ours['displayName'] === theirs['displayName'] && ours['active'] === false, 'PATCH results differ');
  rows.push({
    name: 'PATCH: 5-operation Entra request (input left unchanged)',
    unit: 'patches/s',
    scale: 1,
    ours: () => applyPatch(user, parsePatchRequest(ENTRA_PATCH), schema),
    baseline: () =>
      scimPatch(user as never, ENTRA_PATCH.Operations as ScimPatchOperation[], {
        mutateDocument: false,
        treatMissingAsAdd: true,
      }),
  });

  const table: string[][] = [];
  for (const row of rows) {
    const [ourRate, theirRate] = measure([
      { name: 'scimsync', run: row.ours },
      { name: 'baseline', run: row.baseline },
    ]).map((m) => m.opsPerSecond * row.scale) as [number, number];
    table.push([
      row.name,
      row.unit,
      formatRate(ourRate),
      formatRate(theirRate),
      `${(ourRate / theirRate).toFixed(2)}×`,
    ]);
    process.stderr.write(`  measured: ${row.name}\n`);
  }
  process.stdout.write(
    `${markdownTable(['case', 'unit', 'scimsync', 'baseline (scim2-parse-filter / scim-patch)', 'ratio'], table)}\n`,
  );
}
