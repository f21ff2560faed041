import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { instantiate, learnTemplate, probeArguments } from './query-template.js';

const query = (sql: string, parameters: unknown[]) => CompiledQuery.raw(sql, parameters);
const [P0 = '', P1 = ''] = probeArguments(2);

describe('learnTemplate', () => {
  it('maps verbatim and lower-cased arguments and keeps constants', () => {
    const template = learnTemplate(
      query('select ? ? ? ?', ['t1', 'User', 'bob', 3]),
      query('select ? ? ? ?', [P0, 'User', P1.toLowerCase(), 3]),
      ['t1', 'BOB'],
    );
    expect(template).toBeDefined();
    expect(instantiate(template!, ['t2', 'Alice']).parameters).toEqual(['t2', 'User', 'alice', 3]);
  });

  it('refuses when the SQL changes, an argument is transformed otherwise, or one is unbound', () => {
    expect(learnTemplate(query('a = true', ['t1']), query('a = false', [P0]), ['t1'])).toBeUndefined();
    expect(
      learnTemplate(query('a like ?', ['%bob%']), query('a like ?', [`%${P0.toLowerCase()}%`]), ['bob']),
    ).toBeUndefined();
    expect(learnTemplate(query('a = ?', ['t1']), query('a = ?', [P0]), ['t1', 'x'])).toBeUndefined();
    // A parameter that differs between the compilations without being a probe.
    expect(
      learnTemplate(
        query('a = ? and b = ?', ['t1', '2024-01-01T00:00:00.000Z']),
        query('a = ? and b = ?', [P0, 'x']),
        ['t1'],
      ),
    ).toBeUndefined();
  });

  it('refuses a mapping that does not reproduce the real parameters', () => {
    // The real compilation did not lower-case what the probe suggests it did.
    expect(
      learnTemplate(query('a = ?', ['BOB']), query('a = ?', [P0.toLowerCase()]), ['BOB']),
    ).toBeUndefined();
  });
});
