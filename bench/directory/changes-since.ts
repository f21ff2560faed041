/**
 * "Changes since" in a large directory: loads `users` users with batched store writes, records a
 * watermark, makes `changes` updates, then times `DirectoryService.changesSince` (the changes
 * with the current state of every changed user) over several rounds.
 */
import { DirectoryService } from '../../src/directory/index.js';
import { openStore, type StoreConfig } from '../../src/store/index.js';

const BATCH = 5_000;
const TRANSACTION = 50_000;
const ROUNDS = 21;

export interface ChangesSinceResult {
  readonly loadMs: number;
  readonly changes: number;
  readonly medianMs: number;
  readonly maxMs: number;
}

const guid = (n: number) => `00000003-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export async function measureChangesSince(
  config: StoreConfig,
  users: number,
  changes: number,
): Promise<ChangesSinceResult> {
  const store = await openStore(config);
  try {
    const at = new Date().toISOString();
    const loadStart = performance.now();
    for (let start = 0; start < users; start += TRANSACTION) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(users, start + TRANSACTION); i += BATCH) {
          const batch = Array.from({ length: Math.min(BATCH, users - i) }, (_, k) => ({
            id: guid(i + k),
            attributes: {
              userPrincipalName: `feed${i + k}@bench.example.com`,
              displayName: `Feed User ${i + k}`,
              department: `Department ${(i + k) % 40}`,
              accountEnabled: true,
            },
            managerId: undefined,
            createdDateTime: at,
          }));
          await tx.directory.createUsers(batch, at);
        }
      });
    }
    const loadMs = performance.now() - loadStart;
    const directory = new DirectoryService(store);
    const watermark = await directory.currentWatermark();
    const step = Math.max(1, Math.floor(users / changes));
    for (let c = 0; c < changes; c++) {
      await directory.updateUser(guid((c * step) % users), { department: `Changed ${c}` });
    }
    const timings: number[] = [];
    let read = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const delta = await directory.changesSince(watermark, 1000);
      timings.push(performance.now() - started);
      read = delta.changes.length;
      if (delta.users.size !== Math.min(changes, users))
        throw new Error(`expected ${changes} users, got ${delta.users.size}`);
    }
    timings.sort((a, b) => a - b);
    return {
      loadMs,
      changes: read,
      medianMs: timings[Math.floor(timings.length / 2)] ?? NaN,
      maxMs: timings.at(-1) ?? NaN,
    };
  } finally {
    await store.close();
  }
}
