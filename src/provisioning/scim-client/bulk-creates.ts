import type { JsonObject } from '../../scim/index.js';
import {
  bulkBatchLength,
  bulkCreation,
  bulkRequestText,
  bulkSupportOf,
  readBulkCreateAnswer,
  type BulkCreation,
  type BulkSupport,
} from './bulk-create-messages.js';
import type { ResourceEndpoint, ScimClient } from './scim-client.js';
import { ScimClientError } from './scim-client-error.js';

/** Whatever creates resources in the target: the client itself, or {@link BulkCreates} over it. */
export interface ResourceCreator {
  /** The created resource; through Bulk, possibly only `{ id }`. */
  create(endpoint: ResourceEndpoint, resource: JsonObject): Promise<JsonObject>;
}

export interface BulkCreatesOptions {
  /** Bulk requests in flight at once (the client's concurrency). */
  readonly inFlight: number;
  /** Most creations in one request, below the target's own `maxOperations` (default 50). */
  readonly batchSize?: number;
}

interface Pending extends BulkCreation {
  readonly resource: JsonObject;
  readonly resolve: (resource: JsonObject) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Answers that say the target has no usable Bulk endpoint after all (whatever its
 * ServiceProviderConfig claims): nothing in the request was done, so plain POSTs take over.
 */
const NO_BULK_STATUSES = new Set([400, 403, 404, 405, 501]);

export const DEFAULT_BULK_BATCH = 50;

/**
 * Creates resources through the target's `/Bulk` endpoint (RFC 7644 §3.7) when its
 * ServiceProviderConfig offers one: creations asked for while the requests in flight are busy
 * gather into the next Bulk request, up to `batchSize` and the target's limits. Each caller gets
 * what a plain POST would have given it: the created resource (or its id), or a
 * {@link ScimClientError} with the operation's own status and `scimType` (409 `uniqueness` is a
 * Conflict, as for a POST). An operation failing with 429 or 5xx, or missing from the answer, is
 * sent again as a plain POST with the client's retries.
 *
 * The ServiceProviderConfig is read once, the first time two creations wait together, so a cycle
 * creating nothing, or one object, sends no extra request.
 */
export class BulkCreates implements ResourceCreator {
  readonly #client: ScimClient;
  readonly #inFlightLimit: number;
  #batchSize: number;
  #mode: 'unknown' | 'discovering' | 'bulk' | 'single' = 'unknown';
  #support: BulkSupport | undefined;
  readonly #queue: Pending[] = [];
  #inFlight = 0;
  #scheduled = false;
  #bulkRequests = 0;

  constructor(client: ScimClient, options: BulkCreatesOptions) {
    this.#client = client;
    this.#inFlightLimit = Math.max(1, options.inFlight);
    this.#batchSize = Math.max(2, options.batchSize ?? DEFAULT_BULK_BATCH);
  }

  /** Bulk requests sent so far. */
  get bulkRequests(): number {
    return this.#bulkRequests;
  }

  create(endpoint: ResourceEndpoint, resource: JsonObject): Promise<JsonObject> {
    if (this.#mode === 'single') return this.#client.create(endpoint, resource);
    return new Promise((resolve, reject) => {
      this.#queue.push({ ...bulkCreation(endpoint, resource), resource, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // After this turn of the event loop: creations its callbacks ask for join the same request.
    setImmediate(() => {
      this.#scheduled = false;
      // Nothing in a drain is expected to throw; if something does, no caller may wait forever.
      this.#drain().catch((error: unknown) => {
        for (const pending of this.#queue.splice(0)) pending.reject(error);
      });
    });
  }

  async #drain(): Promise<void> {
    if (this.#queue.length === 0 || this.#mode === 'discovering') return;
    if (this.#mode === 'unknown') {
      if (this.#queue.length < 2) return this.#sendPlain(this.#queue.splice(0));
      this.#mode = 'discovering';
      this.#support = await this.#discover();
      this.#mode = this.#support === undefined ? 'single' : 'bulk';
    }
    if (this.#mode === 'single' || this.#support === undefined) return this.#sendPlain(this.#queue.splice(0));
    while (this.#queue.length > 0 && this.#inFlight < this.#inFlightLimit) {
      const length = bulkBatchLength(this.#queue, this.#support, this.#batchSize);
      if (length <= 1) {
        this.#sendPlain(this.#queue.splice(0, 1));
        continue;
      }
      const batch = this.#queue.splice(0, length);
      this.#inFlight++;
      void this.#sendBulk(batch)
        .catch((error: unknown) => {
          for (const pending of batch) pending.reject(error);
        })
        .finally(() => {
          this.#inFlight--;
          this.#schedule();
        });
    }
  }

  async #discover(): Promise<BulkSupport | undefined> {
    try {
      return bulkSupportOf(await this.#client.serviceProviderConfig());
    } catch {
      // Without a readable config, plain POSTs: they report whatever is wrong with the target.
      return undefined;
    }
  }

  #sendPlain(batch: readonly Pending[]): void {
    for (const pending of batch)
      this.#client.create(pending.endpoint, pending.resource).then(pending.resolve, pending.reject);
  }

  async #sendBulk(batch: readonly Pending[]): Promise<void> {
    this.#bulkRequests++;
    let body: unknown;
    try {
      body = (await this.#client.request('POST', '/Bulk', { json: bulkRequestText(batch) })).body;
    } catch (error) {
      if (error instanceof ScimClientError && error.code === 'PayloadTooLarge') {
        // The target takes less than it advertised: smaller requests from now on.
        this.#batchSize = Math.max(1, Math.floor(batch.length / 2));
        this.#queue.unshift(...batch);
        return;
      }
      if (
        error instanceof ScimClientError &&
        (error.code === 'NotScim' || NO_BULK_STATUSES.has(error.status ?? 0))
      ) {
        return this.#givingUpBulk(batch);
      }
      for (const pending of batch) pending.reject(error);
      return;
    }
    const outcomes = readBulkCreateAnswer(body, batch.length);
    if (outcomes === undefined) return this.#givingUpBulk(batch);
    for (const [index, outcome] of outcomes.entries()) {
      const pending = batch[index]!;
      if (outcome.kind === 'created') pending.resolve(outcome.resource);
      else if (outcome.kind === 'missing' || outcome.failure.retryable) this.#sendPlain([pending]);
      else {
        pending.reject(
          new ScimClientError({
            ...outcome.failure,
            summary: `${outcome.failure.summary} (an operation of a Bulk request)`,
            method: 'POST',
            path: `/${pending.endpoint}`,
          }),
        );
      }
    }
  }

  /**
   * The Bulk endpoint did not work as advertised: everything waiting, this batch first, goes as
   * plain POSTs. A batch the target did carry out in part meets 409 on its POSTs, which the
   * engine answers by matching, as after any lost answer.
   */
  #givingUpBulk(batch: readonly Pending[]): void {
    this.#mode = 'single';
    this.#sendPlain([...batch, ...this.#queue.splice(0)]);
  }
}
