/**
 * Store-neutral errors. Engine adapters translate driver errors into these (SQLite
 * SQLITE_CONSTRAINT_UNIQUE and PostgreSQL 23505 both become UniquenessConflict); no driver
 * error crosses src/store. HTTP status mapping happens in the server layer.
 */
export class StoreError extends Error {
  override readonly name: string = 'StoreError';
}

/** A unique value (userName, group displayName, tenant id…) is taken. */
export class UniquenessConflict extends StoreError {
  override readonly name = 'UniquenessConflict';
  constructor(
    /** What is unique, e.g. `userName`, `displayName`. */
    readonly attribute: string,
    readonly value: string,
    options?: { cause?: unknown },
  ) {
    super(`${attribute} "${value}" is already in use`, options);
  }
}

/** The stored version is not the expected one (If-Match failed). */
export class VersionConflict extends StoreError {
  override readonly name = 'VersionConflict';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`expected version ${expected}, found ${actual}`);
  }
}

/** The resource to change does not exist (in that tenant). */
export class NotFound extends StoreError {
  override readonly name = 'NotFound';
  constructor(
    readonly resourceType: string,
    readonly id: string,
  ) {
    super(`${resourceType} ${id} not found`);
  }
}

/** A keyset position that this store did not produce, or for another query. */
export class InvalidPosition extends StoreError {
  override readonly name = 'InvalidPosition';
}

/** A filter or sort the store cannot translate to SQL (e.g. a comparison on a complex attribute). */
export class UnsupportedQuery extends StoreError {
  override readonly name = 'UnsupportedQuery';
}

/**
 * A change-feed watermark older than the compaction horizon: the reader must resync (read the
 * whole directory) instead of getting a silently partial answer.
 */
export class ResyncRequired extends StoreError {
  override readonly name = 'ResyncRequired';
  constructor(
    readonly watermark: number,
    readonly horizon: number,
  ) {
    super(
      `watermark ${watermark} is older than the change log's compaction horizon ${horizon}: a full resync is required`,
    );
  }
}
