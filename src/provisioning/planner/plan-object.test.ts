import { describe, expect, it } from 'vitest';
import type { ProvisionedObjectRecord } from '../../store/index.js';
import {
  batches,
  planAfterMatch,
  planMembers,
  planObject,
  type DesiredObject,
  type PlanOptions,
} from './plan-object.js';

const ALL = { create: true, update: true, delete: true };
const USER: PlanOptions = { actions: ALL, skipOutOfScopeDeletions: false, activePath: 'active' };
const GROUP: PlanOptions = {
  actions: ALL,
  skipOutOfScopeDeletions: false,
  activePath: undefined,
  immutablePaths: ['displayName'],
};

function desired(values: Record<string, unknown>, extra: Partial<DesiredObject> = {}): DesiredObject {
  return {
    sourceId: 's1',
    displayName: 'Ann',
    exists: true,
    notEntitled: undefined,
    values: values as DesiredObject['values'],
    alwaysPaths: ['userName', 'title', 'active', 'displayName'],
    ...extra,
  };
}

function known(
  values: Record<string, unknown>,
  extra: Partial<ProvisionedObjectRecord> = {},
): ProvisionedObjectRecord {
  return {
    applicationId: 'a',
    objectType: 'user',
    sourceId: 's1',
    targetId: 't1',
    status: 'active',
    values: values,
    detail: undefined,
    updatedAt: '',
    ...extra,
  };
}

describe('planObject', () => {
  it('matches unlinked entitled objects and leaves unlinked unentitled ones alone', () => {
    expect(planObject(desired({ userName: 'a' }), undefined, USER)).toEqual({ kind: 'match' });
    expect(
      planObject(desired({ userName: 'a' }), known({}, { targetId: undefined, status: 'failed' }), USER),
    ).toEqual({ kind: 'match' });
    expect(planObject(desired({}, { notEntitled: 'NotEffectivelyEntitled' }), undefined, USER)).toEqual({
      kind: 'none',
    });
  });

  it('sends only changed always-mapped paths, removes cleared ones, keeps creation-only values', () => {
    const action = planObject(
      desired({ userName: 'a', title: 'Lead', active: true }),
      known({ userName: 'a', title: 'Dev', active: true, displayName: 'Old', password: 'set-at-create' }),
      USER,
    );
    expect(action).toEqual({
      kind: 'update',
      operations: [
        { op: 'replace', path: 'title', value: 'Lead' },
        { op: 'remove', path: 'displayName' },
      ],
      values: { userName: 'a', title: 'Lead', active: true, password: 'set-at-create' },
      reenable: false,
    });
    expect(
      planObject(desired({ userName: 'a', active: true }), known({ userName: 'a', active: true }), USER),
    ).toEqual({ kind: 'none' });
  });

  it('disables linked users that lose entitlement, unless skipped or Delete is off; groups are deleted', () => {
    const gone = desired({}, { notEntitled: 'OutOfScope' });
    expect(planObject(gone, known({ active: true }), USER)).toEqual({
      kind: 'disable',
      reason: 'OutOfScope',
    });
    expect(planObject(gone, known({ active: false }, { status: 'disabled' }), USER)).toEqual({
      kind: 'none',
    });
    expect(planObject(gone, known({}), { ...USER, skipOutOfScopeDeletions: true })).toMatchObject({
      kind: 'skip',
      code: 'OutOfScope',
    });
    expect(
      planObject(desired({}, { notEntitled: 'SoftDeleted' }), known({}), {
        ...USER,
        skipOutOfScopeDeletions: true,
      }),
    ).toEqual({
      kind: 'disable',
      reason: 'SoftDeleted',
    });
    expect(planObject(gone, known({}), { ...USER, actions: { ...ALL, delete: false } })).toMatchObject({
      kind: 'skip',
    });
    expect(planObject(gone, known({}), GROUP)).toEqual({ kind: 'delete' });
  });

  it('re-enables a disabled user with active true even when the mapping has no active attribute', () => {
    const action = planObject(
      desired({ userName: 'a' }, { alwaysPaths: ['userName'] }),
      known({ userName: 'a', active: false }, { status: 'disabled' }),
      USER,
    );
    expect(action).toMatchObject({
      kind: 'update',
      reenable: true,
      operations: [{ op: 'replace', path: 'active', value: true }],
    });
  });

  it('deletes permanently deleted linked objects when Delete is on, forgets them otherwise', () => {
    const deleted = desired({}, { exists: false });
    expect(planObject(deleted, known({}), USER)).toEqual({ kind: 'delete' });
    expect(planObject(deleted, known({}), { ...USER, actions: { ...ALL, delete: false } })).toEqual({
      kind: 'forget',
    });
    expect(planObject(deleted, undefined, USER)).toEqual({ kind: 'none' });
  });

  it('does not rename where the target cannot, or recreates when asked', () => {
    const renamed = desired({ displayName: 'New' });
    expect(planObject(renamed, known({ displayName: 'Old' }), GROUP)).toMatchObject({
      kind: 'skip',
      code: 'TargetRenameNotSupported',
    });
    expect(planObject(renamed, known({ displayName: 'Old' }), GROUP, 'recreate')).toEqual({
      kind: 'recreate',
      values: { displayName: 'New' },
    });
    const renamedAndMore = desired({ displayName: 'New', title: 'x' });
    expect(planObject(renamedAndMore, known({ displayName: 'Old' }), GROUP)).toMatchObject({
      kind: 'update',
      operations: [{ op: 'replace', path: 'title', value: 'x' }],
      values: { displayName: 'Old', title: 'x' },
    });
  });

  it('skips updates when the Update action is off', () => {
    expect(
      planObject(desired({ title: 'b' }), known({ title: 'a' }), {
        ...USER,
        actions: { ...ALL, update: false },
      }),
    ).toMatchObject({
      kind: 'skip',
      code: 'UpdateDisabled',
    });
  });
});

describe('planAfterMatch', () => {
  const d = desired({ userName: 'a', title: 'Lead' });
  it('creates, links with the differing attributes, fails on duplicates, skips without a matching value', () => {
    expect(planAfterMatch(d, { kind: 'none' }, USER)).toEqual({ kind: 'create' });
    expect(
      planAfterMatch(d, { kind: 'none' }, { ...USER, actions: { ...ALL, create: false } }),
    ).toMatchObject({ kind: 'skip', code: 'CreateDisabled' });
    expect(
      planAfterMatch(
        d,
        { kind: 'found', targetId: 'x', current: { userName: 'a', title: 'Dev' }, path: 'userName' },
        USER,
      ),
    ).toEqual({
      kind: 'link',
      targetId: 'x',
      operations: [{ op: 'replace', path: 'title', value: 'Lead' }],
    });
    expect(planAfterMatch(d, { kind: 'duplicate', path: 'userName', count: 2 }, USER)).toMatchObject({
      kind: 'fail',
      code: 'DuplicateTargetEntries',
    });
    expect(planAfterMatch(d, { kind: 'noMatchingValue' }, USER)).toMatchObject({
      kind: 'skip',
      code: 'ImportSkipped',
    });
  });
});

describe('planMembers and batches', () => {
  it('adds what is missing and removes what is extra, in batches', () => {
    expect(planMembers(new Set(['a', 'b', 'c']), new Set(['b', 'd']))).toEqual({
      add: ['a', 'c'],
      remove: ['d'],
    });
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
