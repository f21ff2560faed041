/**
 * The identity directory's errors as a coded registry, in the style of src/server/errors.ts:
 * each `SCIMSYNC_ERR_DIRECTORY_*` code has one HTTP status and one message template.
 * `docs/reference/errors.md` documents every code (checked by src/server/errors.test.ts).
 */

type TemplateParams<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | TemplateParams<Rest>
  : never;

interface ErrorDefinition {
  readonly status: 400 | 404 | 409;
  readonly template: string;
}

function defineErrors<const T extends Record<`SCIMSYNC_ERR_DIRECTORY_${string}`, ErrorDefinition>>(
  errors: T,
): T {
  return Object.freeze(errors);
}

export const DIRECTORY_ERROR_CODES = defineErrors({
  SCIMSYNC_ERR_DIRECTORY_UNKNOWN_ATTRIBUTE: {
    status: 400,
    template: '{objectType} has no attribute "{attribute}"',
  },
  SCIMSYNC_ERR_DIRECTORY_INVALID_ATTRIBUTE: {
    status: 400,
    template: '{objectType} attribute "{attribute}" is invalid: {reason}',
  },
  SCIMSYNC_ERR_DIRECTORY_REQUIRED_ATTRIBUTE: {
    status: 400,
    template: '{objectType} attribute "{attribute}" is required',
  },
  SCIMSYNC_ERR_DIRECTORY_READ_ONLY_ATTRIBUTE: {
    status: 400,
    template: '{objectType} attribute "{attribute}" is read-only',
  },
  SCIMSYNC_ERR_DIRECTORY_UPN_TAKEN: {
    status: 409,
    template:
      'userPrincipalName "{userPrincipalName}" is already used by another user (deleted users keep theirs until purged)',
  },
  SCIMSYNC_ERR_DIRECTORY_ID_TAKEN: { status: 409, template: 'a {objectType} with id {id} already exists' },
  SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND: { status: 404, template: 'no user "{user}"' },
  SCIMSYNC_ERR_DIRECTORY_USER_NOT_DELETED: {
    status: 409,
    template: 'user "{user}" is not in the recycle bin',
  },
  SCIMSYNC_ERR_DIRECTORY_MANAGER_NOT_FOUND: {
    status: 400,
    template: 'manager "{manager}" is not an existing user (nor may a user manage itself)',
  },
  SCIMSYNC_ERR_DIRECTORY_GROUP_NOT_FOUND: { status: 404, template: 'no group "{group}"' },
  SCIMSYNC_ERR_DIRECTORY_GROUP_AMBIGUOUS: {
    status: 409,
    template: '{count} groups are named "{group}"; name the group by its id',
  },
  SCIMSYNC_ERR_DIRECTORY_MEMBER_NOT_FOUND: {
    status: 404,
    template: '"{member}" is neither a user nor a group of the directory',
  },
  SCIMSYNC_ERR_DIRECTORY_NOT_A_MEMBER: {
    status: 404,
    template: '"{member}" is not a direct member of group {group}',
  },
  SCIMSYNC_ERR_DIRECTORY_MEMBERSHIP_CYCLE: {
    status: 400,
    template: 'adding group {member} to group {group} would make a group contain itself',
  },
  SCIMSYNC_ERR_DIRECTORY_APPLICATION_NOT_FOUND: { status: 404, template: 'no application "{application}"' },
  SCIMSYNC_ERR_DIRECTORY_APPLICATION_NAME_TAKEN: {
    status: 409,
    template: 'an application named "{name}" already exists',
  },
  SCIMSYNC_ERR_DIRECTORY_INVALID_APPLICATION: {
    status: 400,
    template: 'invalid application: {reason}',
  },
  SCIMSYNC_ERR_DIRECTORY_APP_ROLE_NOT_FOUND: {
    status: 404,
    template: 'application "{application}" has no app role "{role}"',
  },
  SCIMSYNC_ERR_DIRECTORY_INVALID_PRINCIPAL: {
    status: 400,
    template: 'name exactly one principal: a user or a group',
  },
});

export type DirectoryErrorCode = keyof typeof DIRECTORY_ERROR_CODES;

export type DirectoryErrorParams<C extends DirectoryErrorCode> = {
  readonly [P in TemplateParams<(typeof DIRECTORY_ERROR_CODES)[C]['template']>]: string | number;
};

function format(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A directory error with a stable code; `params` name the offending value (e.g. `attribute`). */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  readonly code: DirectoryErrorCode;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(
    code: DirectoryErrorCode,
    params: Readonly<Record<string, string | number>>,
    options?: { cause?: unknown },
  ) {
    const definition = DIRECTORY_ERROR_CODES[code];
    super(format(definition.template, params), options);
    this.code = code;
    this.status = definition.status;
    this.params = params;
  }
}

/** @example throw directoryError('SCIMSYNC_ERR_DIRECTORY_USER_NOT_FOUND', { user: 'ada@x.org' }); */
export function directoryError<C extends DirectoryErrorCode>(
  code: C,
  ...[params, options]: [keyof DirectoryErrorParams<C>] extends [never]
    ? [params?: Record<string, never>, options?: { cause?: unknown }]
    : [params: DirectoryErrorParams<C>, options?: { cause?: unknown }]
): DirectoryError {
  return new DirectoryError(code, params ?? {}, options);
}

export function isDirectoryError(error: unknown, code?: DirectoryErrorCode): error is DirectoryError {
  return error instanceof DirectoryError && (code === undefined || error.code === code);
}
