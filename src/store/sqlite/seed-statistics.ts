import type BetterSqlite3 from 'better-sqlite3';

/** The tables whose queries go wrong without statistics: the SCIM target's hot path. */
const SEEDED_TABLES = ['scim_resources', 'scim_multi_values', 'scim_group_members'] as const;

/** An assumed size: large enough that a walk of a tenant looks costly next to an index lookup. */
const ASSUMED_ROWS = 100_000;

/**
 * Gives a store that has never been analyzed plausible statistics, so the planner picks the
 * indexes from the first request instead of after the first ANALYZE. Without them SQLite plans
 * `… where unique_lower = ? order by id` as a walk of the tenant in id order (to skip a sort):
 * 76 ms at 24,500 users and growing, observed while a store grew from empty under load. The seeded
 * rows say every index narrows each column by a factor of ten and a unique index to one row; the
 * first real ANALYZE (`PRAGMA optimize`, every minute) replaces them.
 */
export function seedStatistics(sqlite: BetterSqlite3.Database): void {
  const analyzed = sqlite
    .prepare("select count(*) as n from sqlite_schema where type = 'table' and name = 'sqlite_stat1'")
    .get() as { n: number };
  if (analyzed.n === 0) {
    // Creates sqlite_stat1 (empty tables yield no rows).
    sqlite.exec('analyze sqlite_schema');
    sqlite.exec('analyze');
  }
  const present = new Set(
    (sqlite.prepare('select distinct tbl from sqlite_stat1').all() as { tbl: string }[]).map((r) => r.tbl),
  );
  const insert = sqlite.prepare('insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)');
  let seeded = false;
  sqlite.transaction(() => {
    for (const table of SEEDED_TABLES) {
      if (present.has(table)) continue;
      const indexes = sqlite.prepare(`pragma index_list("${table}")`).all() as {
        name: string;
        unique: number;
      }[];
      for (const index of indexes) {
        const columns = sqlite.prepare(`pragma index_info("${index.name}")`).all().length;
        const perPrefix = Array.from({ length: columns }, (_, i) =>
          index.unique === 1 && i === columns - 1 ? 1 : Math.max(2, Math.floor(ASSUMED_ROWS / 10 ** (i + 1))),
        );
        insert.run(table, index.name, [ASSUMED_ROWS, ...perPrefix].join(' '));
        seeded = true;
      }
    }
  })();
  // The planner reads sqlite_stat1 when the schema is loaded; this reloads it.
  if (seeded) sqlite.exec('analyze sqlite_schema');
}
