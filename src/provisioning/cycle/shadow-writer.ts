import type { ProvisionedObjectRecord, ProvisioningStore } from '../../store/index.js';

type ShadowRow = Omit<ProvisionedObjectRecord, 'updatedAt'>;

/**
 * Buffers shadow rows and writes them in multi-row statements. Safe to lose on a crash: a row
 * not yet written means the next cycle matches the target object again (matching finds what
 * was created, PATCHes are idempotent, DELETE of a gone object counts as done), so buffering
 * trades nothing but re-work for a write per batch instead of per object.
 */
export class ShadowWriter {
  readonly #store: ProvisioningStore;
  readonly #limit: number;
  readonly #clock: () => string;
  #rows = new Map<string, ShadowRow>();
  #flushing: Promise<void> = Promise.resolve();

  constructor(store: ProvisioningStore, clock: () => string, limit = 200) {
    this.#store = store;
    this.#clock = clock;
    this.#limit = limit;
  }

  put(row: ShadowRow): void {
    this.#rows.set(`${row.objectType}:${row.sourceId}`, row);
    // A background write's failure is kept and thrown by the next explicit flush, which the cycle awaits.
    if (this.#rows.size >= this.#limit) this.flush().catch(() => undefined);
  }

  /** The row written or waiting to be written, so the cycle sees its own writes. */
  pending(objectType: string, sourceId: string): ShadowRow | undefined {
    return this.#rows.get(`${objectType}:${sourceId}`);
  }

  flush(): Promise<void> {
    const rows = [...this.#rows.values()];
    this.#rows = new Map();
    const previous = this.#flushing;
    this.#flushing = previous.then(() =>
      rows.length > 0 ? this.#store.putObjects(rows, this.#clock()) : undefined,
    );
    return this.#flushing;
  }
}
