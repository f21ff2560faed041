import { SchemaRegistry } from '../../scim/index.js';
import { describe, expect, it } from 'vitest';
import { ExpressionSyntaxError, parseExpression } from '../expressions/index.js';
import { compileObjectMapping } from './compile-mapping.js';
import { MappingValidationError, type MappingIssue } from './mapping-errors.js';
import type { AttributeMapping, JobMappings, ObjectMapping } from './mapping-types.js';
import { validateJobMappings } from './validate-mappings.js';

const registry = SchemaRegistry.withCoreSchemas();
const target = { users: registry.resourceSchema('User'), groups: registry.resourceSchema('Group') };
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const objectMapping = (
  attributes: readonly AttributeMapping[],
  extra: Partial<ObjectMapping> = {},
): ObjectMapping => ({
  enabled: true,
  actions: { create: true, update: true, delete: true },
  attributes,
  scoping: [],
  ...extra,
});
const userName: AttributeMapping = {
  target: 'userName',
  type: 'direct',
  source: 'userPrincipalName',
  matchingPrecedence: 1,
};
const groupName: AttributeMapping = {
  target: 'displayName',
  type: 'direct',
  source: 'displayName',
  matchingPrecedence: 1,
};
const jobWithUser = (mapping: AttributeMapping, extra: Partial<ObjectMapping> = {}): JobMappings => ({
  users: objectMapping([userName, mapping], extra),
  groups: objectMapping([groupName]),
});
const issuesOf = (mapping: AttributeMapping): MappingIssue[] =>
  validateJobMappings(jobWithUser(mapping), target);

describe('validateJobMappings', () => {
  it('accepts valid mappings', () => {
    expect(
      validateJobMappings(
        jobWithUser({ target: `${ENTERPRISE}:manager`, type: 'direct', source: 'manager' }),
        target,
      ),
    ).toEqual([]);
  });

  it.each<[string, AttributeMapping, Partial<MappingIssue>, string]>([
    [
      'an unknown core attribute',
      { target: 'nickname2', type: 'direct', source: 'x' },
      { code: 'unknownTargetAttribute', path: 'users.attributes[1].target' },
      'SchemaAttributeNotFound: attribute "nickname2" is not in the target\'s User schema (urn:ietf:params:scim:schemas:core:2.0:User)',
    ],
    [
      'an unknown extension attribute',
      { target: `${ENTERPRISE}:costCenter2`, type: 'direct', source: 'x' },
      { code: 'unknownTargetAttribute', path: 'users.attributes[1].target' },
      `attribute "costCenter2" is not in the target's User schema (${ENTERPRISE})`,
    ],
    [
      'an unknown sub-attribute',
      { target: 'name.nickName', type: 'direct', source: 'x' },
      { code: 'unknownTargetAttribute' },
      '"name.nickName"',
    ],
    [
      'an unknown schema',
      { target: 'urn:example:ext:1.0:User:x', type: 'direct', source: 'x' },
      { code: 'unknownTargetAttribute' },
      'no schema "urn:example:ext:1.0:User"',
    ],
    [
      'a read-only attribute',
      { target: 'id', type: 'direct', source: 'objectId' },
      { code: 'readOnlyTarget', path: 'users.attributes[1].target' },
      'read-only',
    ],
    [
      'a read-only sub-attribute',
      { target: `${ENTERPRISE}:manager.displayName`, type: 'direct', source: 'x' },
      { code: 'readOnlyTarget' },
      'read-only',
    ],
    [
      'the same target twice, in another case',
      { target: 'UserName', type: 'direct', source: 'mail' },
      { code: 'duplicateTarget', path: 'users.attributes[1].target' },
      'already mapped by users.attributes[0]',
    ],
    [
      'a direct mapping without source',
      { target: 'title', type: 'direct' },
      { code: 'missingSource', path: 'users.attributes[1].source' },
      'source attribute',
    ],
    [
      'an expression mapping without expression',
      { target: 'title', type: 'expression', expression: ' ' },
      { code: 'missingSource', path: 'users.attributes[1].expression' },
      'needs its expression',
    ],
    [
      'a constant mapping without constant',
      { target: 'title', type: 'constant' },
      { code: 'missingSource', path: 'users.attributes[1].constant' },
      'needs its constant',
    ],
    [
      'an unknown type',
      { target: 'title', type: 'lookup' as 'direct' },
      { code: 'invalidMapping', path: 'users.attributes[1].type' },
      'unknown mapping type "lookup"',
    ],
    [
      'an unknown apply',
      { target: 'title', type: 'direct', source: 'x', apply: 'sometimes' as 'always' },
      { code: 'invalidMapping', path: 'users.attributes[1].apply' },
      'unknown apply',
    ],
    [
      'a matching precedence of 0',
      { target: 'title', type: 'direct', source: 'x', matchingPrecedence: 0 },
      { code: 'invalidMapping', path: 'users.attributes[1].matchingPrecedence' },
      'whole number',
    ],
    [
      'a matching precedence used twice',
      { target: 'externalId', type: 'direct', source: 'x', matchingPrecedence: 1 },
      { code: 'invalidMapping', path: 'users.attributes[1].matchingPrecedence' },
      'already used by users.attributes[0]',
    ],
    [
      'matching on a none mapping',
      { target: 'externalId', type: 'none', matchingPrecedence: 2 },
      { code: 'invalidMapping', path: 'users.attributes[1].matchingPrecedence' },
      'no value',
    ],
    [
      'a value filter that is not eq',
      { target: 'emails[type ne "work"].value', type: 'direct', source: 'mail' },
      { code: 'invalidMapping', path: 'users.attributes[1].target' },
      'must select by "eq"',
    ],
    [
      'a value filter on a single-valued attribute',
      { target: 'name[givenName eq "x"].familyName', type: 'direct', source: 'x' },
      { code: 'invalidMapping' },
      'multi-valued complex',
    ],
    [
      'a target path that does not parse',
      { target: 'emails[type eq', type: 'direct', source: 'mail' },
      { code: 'invalidMapping', path: 'users.attributes[1].target' },
      'target "emails[type eq"',
    ],
    [
      'a constant that is no boolean',
      { target: 'active', type: 'constant', constant: 'maybe' },
      { code: 'invalidMapping', path: 'users.attributes[1].constant' },
      'not a boolean value',
    ],
    [
      'a default that is no boolean',
      { target: 'active', type: 'direct', source: 'x', defaultValue: '1' },
      { code: 'invalidMapping', path: 'users.attributes[1].defaultValue' },
      'not a boolean value',
    ],
    [
      'SelectUniqueValue applied always',
      {
        target: 'externalId',
        type: 'expression',
        expression: 'SelectUniqueValue([mail], [userPrincipalName])',
      },
      { code: 'invalidMapping', path: 'users.attributes[1].apply' },
      'only when the object is created',
    ],
  ])('reports %s', (_name, mapping, expected, message) => {
    const issues = issuesOf(mapping);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject(expected);
    expect(issues[0]!.message).toContain(message);
  });

  it('reports an expression syntax error with its position', () => {
    const text = 'Join(" ", [givenName], [surname]';
    let position: number | undefined;
    try {
      parseExpression(text);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) position = error.position;
    }
    expect(position).toBeTypeOf('number');
    const issues = issuesOf({ target: 'name.formatted', type: 'expression', expression: text });
    expect(issues).toEqual([
      expect.objectContaining({ code: 'expressionSyntax', path: 'users.attributes[1].expression', position }),
    ]);
  });

  it('reports an enabled mapping without a matching attribute, and not a disabled one', () => {
    const groups = objectMapping([{ target: 'displayName', type: 'direct', source: 'displayName' }]);
    const users = objectMapping([userName]);
    expect(validateJobMappings({ users, groups }, target)).toEqual([
      expect.objectContaining({ code: 'noMatchingAttribute', path: 'groups.attributes' }),
    ]);
    expect(validateJobMappings({ users, groups: { ...groups, enabled: false } }, target)).toEqual([]);
  });

  it('reports invalid scoping clauses', () => {
    const job = jobWithUser(
      { target: 'title', type: 'direct', source: 'jobTitle' },
      { scoping: [{ clauses: [{ attribute: 'department', operator: 'LIKE' as 'EQUALS', value: 'x' }] }] },
    );
    expect(validateJobMappings(job, target)).toEqual([
      expect.objectContaining({ code: 'invalidScopingClause', path: 'users.scoping[0].clauses[0].operator' }),
    ]);
  });

  it('checks groups against the group schema', () => {
    const job: JobMappings = {
      users: objectMapping([userName]),
      groups: objectMapping([groupName, { target: 'userName', type: 'direct', source: 'x' }]),
    };
    expect(validateJobMappings(job, target)).toEqual([
      expect.objectContaining({ code: 'unknownTargetAttribute', path: 'groups.attributes[1].target' }),
    ]);
  });

  it('asks for membership targets to be mapped directly', () => {
    const job: JobMappings = {
      users: objectMapping([userName]),
      groups: objectMapping([groupName, { target: 'members', type: 'expression', expression: '[members]' }]),
    };
    expect(validateJobMappings(job, target)).toEqual([
      expect.objectContaining({ code: 'invalidMapping', path: 'groups.attributes[1].type' }),
    ]);
  });
});

describe('compileObjectMapping errors', () => {
  it('throws every issue, one per line', () => {
    const mapping = objectMapping([
      { target: 'nickname2', type: 'direct', source: 'x' },
      { target: 'title', type: 'direct' },
    ]);
    let caught: unknown;
    try {
      compileObjectMapping(mapping, 'User', target.users);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MappingValidationError);
    const error = caught as MappingValidationError;
    expect(error.code).toBe('SCIMSYNC_ERR_MAPPING_INVALID');
    expect(error.issues.map((i) => i.code)).toEqual([
      'unknownTargetAttribute',
      'missingSource',
      'noMatchingAttribute',
    ]);
    expect(error.message.split('\n')).toEqual([
      'invalid attribute mappings:',
      expect.stringMatching(/^users\.attributes\[0\]\.target: SchemaAttributeNotFound/),
      'users.attributes[1].source: a direct mapping names its source attribute',
      expect.stringMatching(/^users\.attributes: an enabled mapping needs/),
    ]);
  });
});
