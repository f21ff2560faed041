/** Why a job's mappings cannot be used; each is reported with where it is. */
export const MAPPING_ISSUE_CODES = [
  'unknownTargetAttribute',
  'readOnlyTarget',
  'duplicateTarget',
  'missingSource',
  'expressionSyntax',
  'noMatchingAttribute',
  'invalidScopingClause',
  'invalidMapping',
] as const;
export type MappingIssueCode = (typeof MAPPING_ISSUE_CODES)[number];

export interface MappingIssue {
  readonly code: MappingIssueCode;
  /** Where in the job's mappings, e.g. `users.attributes[3].expression`. */
  readonly path: string;
  readonly message: string;
  /** 0-based offset of the fault in an expression or target path. */
  readonly position?: number;
}

export function mappingIssue(
  code: MappingIssueCode,
  path: string,
  message: string,
  position?: number,
): MappingIssue {
  return position === undefined ? { code, path, message } : { code, path, message, position };
}

/** Mappings or scoping filters that cannot be compiled; `issues` says what and where. */
export class MappingValidationError extends Error {
  readonly code = 'SCIMSYNC_ERR_MAPPING_INVALID' as const;
  readonly issues: readonly MappingIssue[];

  constructor(issues: readonly MappingIssue[]) {
    const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
    super(`invalid attribute mappings:\n${lines.join('\n')}`);
    this.name = 'MappingValidationError';
    this.issues = Object.freeze([...issues]);
  }
}
