import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScimError } from '../errors/scim-error.js';
import { PATCH_PATH_CASES } from './path-parser.cases.js';
import { PATH_MAX_LENGTH, parseAttributePath, parsePatchPath } from './path-parser.js';
import { printPatchPath } from './print-path.js';

const BUDGET_MS = 50;

function parseOrReject(text: string): void {
  for (const parse of [parsePatchPath, parseAttributePath]) {
    try {
      const path = parse(text);
      // Whatever parses must also print and re-parse.
      expect(parse(printPatchPath(path))).toStrictEqual(path);
    } catch (error) {
      if (!(error instanceof ScimError)) throw error;
      expect(error.status).toBe(400);
      expect(['invalidPath', 'invalidFilter']).toContain(error.scimType);
      expect(error.position).toBeGreaterThanOrEqual(0);
      expect(error.position).toBeLessThanOrEqual(text.length);
    }
    expect(fastestRun(() => parse(text))).toBeLessThan(BUDGET_MS);
  }
}

/** The best of up to three timed runs, so a GC pause or a busy machine is not taken for slowness. */
function fastestRun(run: () => unknown): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= BUDGET_MS; attempt++) {
    const started = performance.now();
    try {
      run();
    } catch {
      // Outcomes are checked by the caller; only the time matters here.
    }
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const ALPHABET = [...'[]().:"\\ $-_0aAeqnotr', 'urn:', ' eq ', ' and ', 'value', 'emails', '.value'];
const mutatedPath = fc
  .tuple(
    fc.constantFrom(...PATCH_PATH_CASES.map((c) => c.path)),
    fc.array(
      fc.tuple(fc.constantFrom('insert', 'delete', 'replace'), fc.nat(), fc.constantFrom(...ALPHABET)),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, [edit, at, piece]) => {
      const i = at % (text.length + 1);
      if (edit === 'insert') return text.slice(0, i) + piece + text.slice(i);
      if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
      return text.slice(0, i) + piece + text.slice(i + 1);
    }, seed),
  );

describe('path parser fuzzing', () => {
  it('survives arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 100 })), parseOrReject),
      {
        numRuns: 1_000,
      },
    );
  });

  it('survives strings over the path alphabet', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((parts) => parts.join('')),
        parseOrReject,
      ),
      { numRuns: 1_500 },
    );
  });

  it('survives mutations of valid paths', () => {
    fc.assert(fc.property(mutatedPath, parseOrReject), { numRuns: 1_500 });
  });

  it('survives deep nesting and long inputs', () => {
    for (const text of [
      `a[${'('.repeat(60)}b pr${')'.repeat(60)}]`,
      `a[${'not ('.repeat(190)}`,
      'a['.repeat(400),
      `${'a.'.repeat(PATH_MAX_LENGTH)}`,
      'x'.repeat(PATH_MAX_LENGTH + 1),
      `members[value eq "${'x'.repeat(1_000_000)}"]`,
    ]) {
      parseOrReject(text);
    }
  });
});
