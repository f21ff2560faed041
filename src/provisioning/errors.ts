/**
 * The provisioning engine's operational errors as a coded registry, in the style of
 * src/server/errors.ts. `docs/reference/errors.md` documents every code (checked by a test).
 */

type TemplateParams<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | TemplateParams<Rest>
  : never;

interface ErrorDefinition {
  readonly status: 400 | 404 | 409 | 502;
  readonly template: string;
}

function defineErrors<const T extends Record<`SCIMSYNC_ERR_PROVISIONING_${string}`, ErrorDefinition>>(
  errors: T,
): T {
  return Object.freeze(errors);
}

export const PROVISIONING_ERROR_CODES = defineErrors({
  SCIMSYNC_ERR_PROVISIONING_UNKNOWN_APPLICATION: {
    status: 404,
    template: 'no application "{application}" (create it with `scimsync app create --name NAME`)',
  },
  SCIMSYNC_ERR_PROVISIONING_NOT_CONFIGURED: {
    status: 404,
    template:
      'application "{application}" has no provisioning job yet: run `scimsync app provisioning set {application} --scim-url URL --token TOKEN`',
  },
  SCIMSYNC_ERR_PROVISIONING_INVALID_CONFIG: {
    status: 400,
    template: 'invalid provisioning configuration: {reason}',
  },
  SCIMSYNC_ERR_PROVISIONING_INVALID_MAPPINGS: {
    status: 400,
    template: 'the mappings are not valid:\n{issues}',
  },
  SCIMSYNC_ERR_PROVISIONING_TARGET_UNREACHABLE: {
    status: 502,
    template: 'the target could not be reached to check the mappings: {reason}',
  },
});

export type ProvisioningErrorCode = keyof typeof PROVISIONING_ERROR_CODES;

function format(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export interface ProvisioningIssue {
  readonly path: string;
  readonly message: string;
}

export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';
  readonly code: ProvisioningErrorCode;
  readonly status: number;
  readonly params: Readonly<Record<string, string | number>>;
  /** For invalid mappings or configuration: each problem with its JSON path (`users.attributes[2].target`). */
  readonly issues: readonly ProvisioningIssue[];

  constructor(
    code: ProvisioningErrorCode,
    params: {
      readonly [P in TemplateParams<(typeof PROVISIONING_ERROR_CODES)[typeof code]['template']>]?:
        string | number;
    } & Readonly<Record<string, string | number>>,
    options?: { cause?: unknown; issues?: readonly ProvisioningIssue[] },
  ) {
    const definition = PROVISIONING_ERROR_CODES[code];
    super(format(definition.template, params), options);
    this.code = code;
    this.status = definition.status;
    this.params = params;
    this.issues = options?.issues ?? [];
  }
}
