import { describe, expect, it } from 'vitest';
import type { BulkOperation } from '../../scim/index.js';
import { independentPostWave } from './bulk-waves.js';

let index = 0;
const post = (endpoint: string, data: Record<string, unknown>, bulkId?: string): BulkOperation => ({
  index: index++,
  method: 'POST',
  path: endpoint,
  endpoint,
  data,
  ...(bulkId === undefined ? {} : { bulkId }),
});
const user = (userName: string): BulkOperation => post('/Users', { userName });
const none = new Map<number, unknown>();

describe('independentPostWave', () => {
  it('takes consecutive independent creations up to the limit', () => {
    const ops = [user('a'), user('b'), post('/Groups', { displayName: 'a' }), user('c')];
    expect(independentPostWave(ops, 0, 100, none)).toBe(4);
    expect(independentPostWave(ops, 1, 100, none)).toBe(3);
    expect(independentPostWave(ops, 0, 2, none)).toBe(2);
    expect(independentPostWave(ops, 4, 100, none)).toBe(0);
  });

  it('ends before a second creation of the same unique value, whatever its case', () => {
    const ops = [user('ada'), user('bob'), user('ADA'), user('eve')];
    expect(independentPostWave(ops, 0, 100, none)).toBe(2);
    expect(independentPostWave(ops, 2, 100, none)).toBe(2);
    const groups = [post('/Groups', { displayName: 'Staff' }), post('/groups', { DISPLAYNAME: 'staff' })];
    expect(independentPostWave(groups, 0, 100, none)).toBe(1);
  });

  it('ends at anything that is not an independent creation', () => {
    const patch: BulkOperation = {
      index: index++,
      method: 'PATCH',
      path: '/Users/x',
      endpoint: '/Users',
      resourceId: 'x',
    };
    const referencing = post('/Groups', { displayName: 'g', members: [{ value: 'bulkId:u1' }] });
    const elsewhere = post('/Things', { name: 'x' });
    const failed = user('f');
    for (const stop of [patch, referencing, elsewhere]) {
      expect(independentPostWave([user('a'), user('b'), stop, user('c')], 0, 100, none)).toBe(2);
    }
    expect(independentPostWave([user('a'), failed, user('c')], 0, 100, new Map([[failed.index, 'x']]))).toBe(
      1,
    );
  });

  it('lets a creation that defines a bulkId join, and one without a unique value', () => {
    expect(
      independentPostWave(
        [user('a'), post('/Users', { userName: 'b' }, 'u1'), post('/Users', {})],
        0,
        100,
        none,
      ),
    ).toBe(3);
  });
});
