import { SchemaRegistry, defineAttribute, type SchemaDefinition } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import { compileObjectMapping } from './compile-mapping.js';
import type { AttributeMapping, MapContext, ObjectMapping, SourceObject } from './mapping-types.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CUSTOM = 'urn:example:scim:schemas:extension:hr:1.0:User';
const CUSTOM_SCHEMA: SchemaDefinition = {
  id: CUSTOM,
  name: 'HrUser',
  attributes: [
    defineAttribute('costCenter', { type: 'integer' }),
    defineAttribute('rate', { type: 'decimal' }),
    defineAttribute('hireDate', { type: 'dateTime' }),
    defineAttribute('isManager', { type: 'boolean' }),
    defineAttribute('badges', { multiValued: true }),
  ],
};
const registry = SchemaRegistry.withCoreSchemas().addSchema(CUSTOM_SCHEMA).extendResourceType('User', CUSTOM);
const users = registry.resourceSchema('User');
const groups = registry.resourceSchema('Group');

const links = new Map([['src-boss', 'tgt-boss']]);
const ctx: MapContext = {
  now: () => new Date('2024-05-01T12:00:00Z'),
  random: () => 0.5,
  newGuid: () => '00000000-0000-4000-8000-000000000001',
  resolveReference: (sourceId) => links.get(sourceId),
};

const userName: AttributeMapping = {
  target: 'userName',
  type: 'direct',
  source: 'userPrincipalName',
  matchingPrecedence: 1,
};
const compileUsers = (attributes: readonly AttributeMapping[], extra: Partial<ObjectMapping> = {}) =>
  compileObjectMapping(
    {
      enabled: true,
      actions: { create: true, update: true, delete: true },
      attributes: [userName, ...attributes],
      scoping: [],
      ...extra,
    },
    'User',
    users,
  );
const ann: SourceObject = {
  userPrincipalName: 'ann@contoso.com',
  givenName: 'Ann',
  surname: 'Lee',
  nickname: null,
};

describe('map: modes and defaults', () => {
  const mapping = compileUsers([
    { target: 'externalId', type: 'expression', expression: 'Guid()', apply: 'creation' },
    { target: 'nickName', type: 'direct', source: 'nickname', defaultValue: 'none yet' },
    { target: 'title', type: 'constant', constant: 'Staff' },
    { target: 'locale', type: 'none', defaultValue: 'en-US' },
    { target: 'timezone', type: 'none' },
  ]);

  it('applies every mapping and the defaults at creation', () => {
    expect(mapping.map(ann, 'create', ctx).values).toEqual({
      userName: 'ann@contoso.com',
      externalId: '00000000-0000-4000-8000-000000000001',
      nickName: 'none yet',
      title: 'Staff',
      locale: 'en-US',
    });
  });

  it('says when creation maps differently from an update, so the engine can map once otherwise', () => {
    expect(mapping.createDiffers).toBe(true);
    const title = { target: 'title', type: 'constant', constant: 'Staff' } as const;
    expect(compileUsers([title]).createDiffers).toBe(false);
    expect(compileUsers([title]).map(ann, 'create', ctx)).toEqual(
      compileUsers([title]).map(ann, 'update', ctx),
    );
    expect(compileUsers([{ ...title, apply: 'creation' }]).createDiffers).toBe(true);
    expect(compileUsers([{ target: 'locale', type: 'none', defaultValue: 'en-US' }]).createDiffers).toBe(
      true,
    );
  });

  it('drops creation-only mappings and defaults on update', () => {
    expect(mapping.map(ann, 'update', ctx).values).toEqual({ userName: 'ann@contoso.com', title: 'Staff' });
  });

  it('uses the mapped value over the default when there is one', () => {
    expect(mapping.map({ ...ann, nickname: 'Annie' }, 'create', ctx).values).toMatchObject({
      nickName: 'Annie',
    });
  });

  it('treats an empty string as no value', () => {
    expect(mapping.map({ ...ann, nickname: '' }, 'update', ctx).values).not.toHaveProperty('nickName');
  });
});

describe('map: expressions', () => {
  it('leaves out a path whose expression ignores the flow', () => {
    const mapping = compileUsers([
      {
        target: 'nickName',
        type: 'expression',
        expression: 'IgnoreFlowIfNullOrEmpty([nickname])',
        defaultValue: 'x',
      },
    ]);
    expect(mapping.map(ann, 'create', ctx).values).toEqual({ userName: 'ann@contoso.com' });
    expect(mapping.map({ ...ann, nickname: 'Annie' }, 'update', ctx).values).toEqual({
      userName: 'ann@contoso.com',
      nickName: 'Annie',
    });
  });

  it('evaluates against the source attributes', () => {
    const mapping = compileUsers([
      { target: 'name.formatted', type: 'expression', expression: 'Join(" ", [givenName], [surname])' },
    ]);
    expect(mapping.map(ann, 'update', ctx).values['name.formatted']).toBe('Ann Lee');
  });

  it('marks redacted paths', () => {
    const mapping = compileUsers([
      { target: 'password', type: 'expression', expression: 'Redact([surname])' },
      { target: 'title', type: 'direct', source: 'jobTitle' },
    ]);
    const mapped = mapping.map(ann, 'create', ctx);
    expect([...mapped.redactedPaths]).toEqual(['password']);
    expect(mapped.values.password).toBe('Lee');
  });

  it('hands SelectUniqueValue candidates to the engine at creation only', () => {
    const mapping = compileUsers([
      {
        target: 'externalId',
        type: 'expression',
        apply: 'creation',
        expression:
          'SelectUniqueValue(Join("@", [givenName], "contoso.com"), Join("@", Join(".", [givenName], [surname]), "contoso.com"))',
      },
    ]);
    const created = mapping.map(ann, 'create', ctx);
    expect(created.uniqueCandidates).toEqual([
      { path: 'externalId', candidates: ['Ann@contoso.com', 'Ann.Lee@contoso.com'] },
    ]);
    expect(created.values).not.toHaveProperty('externalId');
    expect(mapping.map(ann, 'update', ctx).uniqueCandidates).toEqual([]);
  });
});

describe('map: coercion to the target type', () => {
  const mapping = compileUsers([
    { target: 'active', type: 'expression', expression: 'Not([IsSoftDeleted])' },
    { target: `${CUSTOM}:isManager`, type: 'constant', constant: 'True' },
    { target: `${CUSTOM}:costCenter`, type: 'direct', source: 'costCenter' },
    { target: `${CUSTOM}:rate`, type: 'direct', source: 'rate' },
    { target: `${CUSTOM}:hireDate`, type: 'direct', source: 'employeeHireDate' },
    { target: `${CUSTOM}:badges`, type: 'expression', expression: 'Split([badges], ",")' },
    { target: 'title', type: 'direct', source: 'level' },
  ]);

  it('converts strings, booleans, numbers and dates', () => {
    const source = {
      ...ann,
      IsSoftDeleted: false,
      costCenter: '4711',
      rate: '1.5',
      employeeHireDate: '2020-03-16T07:00:00-07:00',
      badges: 'a,b',
      level: 3,
    };
    expect(mapping.map(source, 'create', ctx).values).toEqual({
      userName: 'ann@contoso.com',
      active: true,
      [`${CUSTOM}:isManager`]: true,
      [`${CUSTOM}:costCenter`]: 4711,
      [`${CUSTOM}:rate`]: 1.5,
      [`${CUSTOM}:hireDate`]: '2020-03-16T14:00:00Z',
      [`${CUSTOM}:badges`]: ['a', 'b'],
      title: '3',
    });
    expect(mapping.map({ ...source, IsSoftDeleted: true }, 'update', ctx).values.active).toBe(false);
  });
});

describe('map: references', () => {
  const mapping = compileUsers([
    { target: `${ENTERPRISE}:manager`, type: 'direct', source: 'manager' },
    { target: 'title', type: 'direct', source: 'jobTitle' },
  ]);

  it('lists the reference paths', () => {
    expect(mapping.referencePaths).toEqual([`${ENTERPRISE}:manager`]);
    expect(mapping.syncMembers).toBe(false);
  });

  it('writes a resolved manager as { value: target id }', () => {
    const mapped = mapping.map({ ...ann, manager: 'src-boss' }, 'update', ctx);
    expect(mapped.values[`${ENTERPRISE}:manager`]).toEqual({ value: 'tgt-boss' });
    expect(mapped.unresolvedReferences).toEqual([]);
  });

  it('lists an unresolved manager and leaves it out', () => {
    const mapped = mapping.map({ ...ann, manager: 'src-new' }, 'create', ctx);
    expect(mapped.values).not.toHaveProperty(`${ENTERPRISE}:manager`);
    expect(mapped.unresolvedReferences).toEqual([{ path: `${ENTERPRISE}:manager`, sourceId: 'src-new' }]);
  });

  it('writes nothing without a manager', () => {
    const mapped = mapping.map({ ...ann, manager: null }, 'create', ctx);
    expect(mapped.values).not.toHaveProperty(`${ENTERPRISE}:manager`);
    expect(mapped.unresolvedReferences).toEqual([]);
  });

  it('writes the bare id to manager.value', () => {
    const byValue = compileUsers([
      { target: `${ENTERPRISE}:manager.value`, type: 'direct', source: 'manager' },
    ]);
    expect(
      byValue.map({ ...ann, manager: 'src-boss' }, 'create', ctx).values[`${ENTERPRISE}:manager.value`],
    ).toBe('tgt-boss');
  });

  it('leaves group members to the engine', () => {
    const compiled = compileObjectMapping(
      {
        enabled: true,
        actions: { create: true, update: true, delete: true },
        attributes: [
          { target: 'displayName', type: 'direct', source: 'displayName', matchingPrecedence: 1 },
          { target: 'members', type: 'direct', source: 'members' },
        ],
        scoping: [],
      },
      'Group',
      groups,
    );
    expect(compiled.syncMembers).toBe(true);
    expect(compiled.map({ displayName: 'Sales', members: ['u-1'] }, 'create', ctx).values).toEqual({
      displayName: 'Sales',
    });
  });
});

describe('compiled mapping', () => {
  it('sorts matching attributes by precedence', () => {
    const mapping = compileUsers([
      { target: 'externalId', type: 'direct', source: 'objectId', matchingPrecedence: 3 },
      { target: 'emails[type eq "work"].value', type: 'direct', source: 'mail', matchingPrecedence: 2 },
    ]);
    expect(mapping.matching).toEqual([
      { path: 'userName', precedence: 1 },
      { path: 'emails[type eq "work"].value', precedence: 2 },
      { path: 'externalId', precedence: 3 },
    ]);
  });

  it('scopes with its filters', () => {
    const mapping = compileUsers([], {
      scoping: [{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }],
    });
    expect(mapping.inScope({ department: 'Sales' })).toBe(true);
    expect(mapping.inScope({ department: 'sales' })).toBe(false);
  });
});
