import type { SettingsStore } from '../store.js';
import type { StoreContext } from './store-dialect.js';
import { translating } from './translate-error.js';

export class KyselySettingsStore implements SettingsStore {
  readonly #context: StoreContext;
  constructor(context: StoreContext) {
    this.#context = context;
  }

  async get(key: string): Promise<string | undefined> {
    return translating(this.#context.dialect, async () => {
      const row = await this.#context.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirst();
      return row?.value;
    });
  }

  async setIfAbsent(key: string, value: string): Promise<string> {
    return translating(this.#context.dialect, async () => {
      await this.#context.db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((c) => c.column('key').doNothing())
        .execute();
      const row = await this.#context.db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return row.value;
    });
  }

  async set(key: string, value: string): Promise<void> {
    await translating(this.#context.dialect, async () => {
      await this.#context.db
        .insertInto('settings')
        .values({ key, value })
        .onConflict((c) => c.column('key').doUpdateSet({ value }))
        .execute();
    });
  }
}
