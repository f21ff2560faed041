import { describe, expect, it } from 'vitest';
import { CliError } from './io.js';
import { resolveStoreConfig } from './store-options.js';

describe('resolveStoreConfig', () => {
  const url = 'postgres://user:secret@db.example:5432/scimsync';

  it('defaults to SQLite in ./data', () => {
    expect(resolveStoreConfig({}, {})).toEqual({ dataDir: './data' });
    expect(resolveStoreConfig({})).toEqual({ dataDir: './data' });
  });

  it('takes SCIMSYNC_DATABASE_URL when no flag is given, and flags over it', () => {
    expect(resolveStoreConfig({}, { SCIMSYNC_DATABASE_URL: url })).toEqual({ databaseUrl: url });
    expect(resolveStoreConfig({}, { SCIMSYNC_DATABASE_URL: '' })).toEqual({ dataDir: './data' });
    expect(resolveStoreConfig({ data: 'd' }, { SCIMSYNC_DATABASE_URL: url })).toEqual({ dataDir: 'd' });
    const other = 'postgresql://x@127.0.0.1/other';
    expect(resolveStoreConfig({ databaseUrl: other }, { SCIMSYNC_DATABASE_URL: url })).toEqual({
      databaseUrl: other,
    });
  });

  it('refuses both flags and non-postgres URLs, without printing the password', () => {
    expect(() => resolveStoreConfig({ data: 'd', databaseUrl: url })).toThrow(CliError);
    expect(() => resolveStoreConfig({ databaseUrl: 'mysql://user:secret@h/db' })).toThrow(
      '--database-url must be a postgres:// URL, got "mysql://user:***@h/db"',
    );
  });
});
