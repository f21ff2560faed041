import { describe, expect, it } from 'vitest';
import { SchemaRegistry } from '../../scim/index.js';
import { planProjection } from './query-attributes.js';

const registry = SchemaRegistry.withCoreSchemas();
const users = registry.resourceSchema('User');
const groups = registry.resourceSchema('Group');

describe('planProjection', () => {
  it('compiles each parameter text once per schema', () => {
    const first = planProjection(users, { attributes: 'userName,emails' });
    expect(planProjection(users, { attributes: 'userName,emails' })).toBe(first);
    expect(planProjection(users, { excludedAttributes: 'userName,emails' })).not.toBe(first);
    expect(planProjection(groups, { attributes: 'userName,emails' })).not.toBe(first);
  });

  it('projects and answers wants() as the parameters say', () => {
    const plan = planProjection(groups, { excludedAttributes: 'members' });
    expect(plan.wants('members')).toBe(false);
    expect(plan.wants('displayName')).toBe(true);
    expect(plan.project({ id: '1', displayName: 'G', members: [{ value: 'u' }] })).toEqual({
      id: '1',
      displayName: 'G',
    });
    expect(planProjection(groups).wants('members')).toBe(true);
  });

  it('does not cache pre-parsed paths, which have no stable key', () => {
    const paths = [{ attribute: 'userName' }];
    expect(planProjection(users, { attributes: paths })).not.toBe(
      planProjection(users, { attributes: paths }),
    );
  });
});
