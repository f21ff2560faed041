import { ScimError } from '../../scim/index.js';
import {
  InvalidPosition,
  NotFound,
  UniquenessConflict,
  UnsupportedQuery,
  VersionConflict,
} from '../../store/index.js';

/** A domain rule of the SCIM service provider was broken; mapped to a `ScimError` by {@link toScimError}. */
export class ScimDomainError extends Error {
  override readonly name: string = 'ScimDomainError';
}

/** The resource does not exist in this tenant (RFC 7644 §3.12: 404, no hint it exists elsewhere). */
export class ResourceNotFound extends ScimDomainError {
  override readonly name = 'ResourceNotFound';
  constructor(
    readonly resourceType: string,
    readonly id: string,
  ) {
    super(`${resourceType} "${id}" not found`);
  }
}

/** An `If-Match` precondition failed (RFC 7644 §3.14). */
export class PreconditionFailed extends ScimDomainError {
  override readonly name = 'PreconditionFailed';
  constructor(readonly currentVersion: number | undefined) {
    super(
      currentVersion === undefined
        ? 'The resource does not match the If-Match precondition'
        : `The resource has changed: its current version is W/"${currentVersion}" (If-Match failed)`,
    );
  }
}

/** The tenant lists verified domains and none of the user's emails is on one (Atlassian's rule). */
export class UnverifiedEmailDomain extends ScimDomainError {
  override readonly name = 'UnverifiedEmailDomain';
  constructor(
    readonly seenDomains: readonly string[],
    readonly verifiedDomains: readonly string[],
  ) {
    super(
      seenDomains.length === 0
        ? `The user has no email address; one must be on a verified domain (${verifiedDomains.join(', ')})`
        : `No email of the user is on a verified domain: ${seenDomains.map((d) => `"${d}"`).join(', ')} ` +
            `${seenDomains.length === 1 ? 'is' : 'are'} not verified for this directory`,
    );
  }
}

/** A group member reference that is not a user or group of this tenant, or the group itself. */
export class InvalidMember extends ScimDomainError {
  override readonly name = 'InvalidMember';
  constructor(
    readonly memberIds: readonly string[],
    readonly reason: 'unknown' | 'self',
  ) {
    super(
      reason === 'self'
        ? `A group cannot be a member of itself ("${memberIds[0] ?? ''}")`
        : `members: ${memberIds.map((id) => `"${id}"`).join(', ')} ${
            memberIds.length === 1 ? 'is not a user or group' : 'are not users or groups'
          } of this directory`,
    );
  }
}

/** A cursor this service did not issue, issued for another query, or expired (RFC 9865 §4). */
export class BadCursor extends ScimDomainError {
  override readonly name = 'BadCursor';
  constructor(readonly reason: 'invalid' | 'expired') {
    super(
      reason === 'expired'
        ? 'The cursor has expired; start again from the first page'
        : 'The cursor is not valid for this query',
    );
  }
}

/**
 * Turns domain and store errors into the protocol error, in this one place; anything else is
 * returned unchanged (an unexpected error, answered 500 by the edge).
 *
 * @example throw toScimError(new UniquenessConflict('userName', 'bjensen')) // 409 uniqueness
 */
export function toScimError(error: unknown): unknown {
  if (error instanceof ScimError) return error;
  const options = { cause: error };
  if (error instanceof ResourceNotFound) return new ScimError(404, undefined, error.message, options);
  if (error instanceof NotFound)
    return new ScimError(404, undefined, `${error.resourceType} "${error.id}" not found`, options);
  if (error instanceof PreconditionFailed) return new ScimError(412, undefined, error.message, options);
  if (error instanceof VersionConflict) {
    return new ScimError(
      412,
      undefined,
      `The resource has changed: its current version is W/"${error.actual}" (If-Match failed)`,
      options,
    );
  }
  if (error instanceof UniquenessConflict) {
    return new ScimError(
      409,
      'uniqueness',
      `${error.attribute} "${error.value}" is already in use in this directory`,
      options,
    );
  }
  if (error instanceof UnverifiedEmailDomain || error instanceof InvalidMember)
    return new ScimError(400, 'invalidValue', error.message, options);
  if (error instanceof BadCursor) {
    return new ScimError(
      400,
      error.reason === 'expired' ? 'expiredCursor' : 'invalidCursor',
      error.message,
      options,
    );
  }
  if (error instanceof InvalidPosition)
    return new ScimError(400, 'invalidCursor', 'The cursor is not valid for this query', options);
  if (error instanceof UnsupportedQuery) return new ScimError(400, 'invalidFilter', error.message, options);
  return error;
}
