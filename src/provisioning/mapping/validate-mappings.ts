import type { ResourceSchema } from '../../scim/index.js';
import { analyzeObjectMapping } from './analyze-mapping.js';
import type { MappingIssue } from './mapping-errors.js';
import type { JobMappings } from './mapping-types.js';

/**
 * Every problem in a job's mappings, checked against the target's schemas (as read from its
 * `/Schemas`): targets exist (a `SchemaAttributeNotFound` message naming the attribute and the
 * schema) and are writable, no target is mapped twice, each mapping has its source, expressions
 * parse (with the offset of the fault), an enabled mapping has a matching attribute, and scoping
 * clauses are valid. An empty list means the mappings compile.
 */
export function validateJobMappings(
  mappings: JobMappings,
  target: { readonly users: ResourceSchema; readonly groups: ResourceSchema },
): MappingIssue[] {
  return [
    ...analyzeObjectMapping(mappings.users, 'users', target.users).issues,
    ...analyzeObjectMapping(mappings.groups, 'groups', target.groups).issues,
  ];
}
