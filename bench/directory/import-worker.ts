/**
 * One import in a fresh process, so its peak RSS (VmHWM) is the import's own:
 * `import-worker.ts FILE STORE_CONFIG_JSON`. Prints one JSON line: timings, counts, peak RSS.
 */
import { readFile } from 'node:fs/promises';
import { importDirectory, parseJsonImport } from '../../src/directory/index.js';
import { openStore, type StoreConfig } from '../../src/store/index.js';

const [file, config] = process.argv.slice(2);
if (file === undefined || config === undefined)
  throw new Error('usage: import-worker.ts FILE STORE_CONFIG_JSON');

const store = await openStore(JSON.parse(config) as StoreConfig);
try {
  const started = performance.now();
  const parsed = parseJsonImport(await readFile(file, 'utf8'), file);
  const parsedAt = performance.now();
  const counts = await importDirectory(store, parsed);
  const done = performance.now();
  const status = await readFile('/proc/self/status', 'utf8');
  const peakKiB = Number(/VmHWM:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  const result = {
    parseMs: parsedAt - started,
    importMs: done - parsedAt,
    totalMs: done - started,
    peakRssMiB: peakKiB / 1024,
    counts,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await store.close();
}
