import { describe, expect, it } from 'vitest';
import { parsePatchRequest, SchemaRegistry } from '../../scim/index.js';
import { MemberChangeSet } from './group-members.js';
import { foldMemberSteps, planGroupPatch } from './group-patch-plan.js';

const schema = SchemaRegistry.withCoreSchemas().resourceSchema('Group');
const plan = (operations: unknown[]) =>
  planGroupPatch(
    parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations }),
    schema,
  );

describe('planGroupPatch', () => {
  it('sends the common member shapes to the store and the rest to applyPatch', () => {
    const result = plan([
      { op: 'Add', path: 'members', value: [{ value: 'a' }, { value: 'b', display: 'B' }] },
      { op: 'Remove', path: 'members[value eq "a"]' },
      { op: 'remove', path: 'members', value: [{ value: 'c' }] },
      { op: 'replace', path: 'displayName', value: 'x' },
      { op: 'replace', value: { displayName: 'y', members: [{ value: 'd' }] } },
    ]);
    expect(result.fallback).toBe(false);
    expect(result.dataOperations).toEqual([
      expect.objectContaining({ op: 'replace', pathText: 'displayName' }),
      { op: 'replace', value: { displayName: 'y' } },
    ]);
    const changes = foldMemberSteps(result.memberSteps, new MemberChangeSet());
    expect(changes.removeAll).toBe(true);
    expect([...changes.add.keys()]).toEqual(['d']);
  });

  it('folds add-then-remove and remove-then-add in order', () => {
    const changes = foldMemberSteps(
      plan([
        { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'remove', path: 'members[value eq "a" or value eq "c"]' },
        { op: 'add', path: 'members', value: [{ value: 'c' }] },
      ]).memberSteps,
      new MemberChangeSet(),
    );
    expect(changes.toChanges([])).toEqual({ remove: ['a'] });
    expect([...changes.add.keys()]).toEqual(['b', 'c']);
  });

  it('falls back for other member filters and sub-attribute paths', () => {
    expect(plan([{ op: 'remove', path: 'members[display eq "x"]' }]).fallback).toBe(true);
    expect(plan([{ op: 'replace', path: 'members[value eq "a"].display', value: 'y' }]).fallback).toBe(true);
  });

  it('rejects member values without an id', () => {
    expect(() => plan([{ op: 'add', path: 'members', value: [{ display: 'no id' }] }])).toThrow(
      /needs a "value"/,
    );
  });
});
