/**
 * Runs a tenant command against the store the options name: opens it, hands a TenantService
 * over, closes it, and turns domain errors into CLI errors.
 */
import { isScimsyncError, TenantService } from '../server/index.js';
import { CliError, type CliIo } from './io.js';
import { openCliStore, type StoreOptions } from './store-options.js';

export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:8080';
export const PUBLIC_URL_ENV = 'SCIMSYNC_PUBLIC_URL';

export async function runWithTenants<T>(
  options: StoreOptions,
  io: CliIo,
  work: (tenants: TenantService) => Promise<T>,
): Promise<T> {
  const store = await openCliStore(options, io);
  try {
    return await work(new TenantService({ store }));
  } catch (error) {
    if (isScimsyncError(error)) throw new CliError(error.message, 1, { cause: error });
    throw error;
  } finally {
    await store.close();
  }
}

/** `--public-url`, else `SCIMSYNC_PUBLIC_URL`, else the default; checked and without a trailing slash. */
export function resolvePublicUrl(flag: string | undefined, io: CliIo, fallback = DEFAULT_PUBLIC_URL): string {
  const value = flag ?? (io.env?.[PUBLIC_URL_ENV] || undefined) ?? fallback;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(`--public-url must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--public-url must be an absolute http(s) URL, got "${value}"`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new CliError(`--public-url cannot have a query or fragment, got "${value}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** Prints rows as aligned columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ');
  return [line(header), ...rows.map(line)].map((text) => `${text.trimEnd()}\n`).join('');
}
