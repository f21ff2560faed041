/**
 * The layer arrows of ARCHITECTURE.md as data: which top-level module under src/ may import
 * which. Imports across modules must go through the other module's index.ts.
 */
export const ALLOWED_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  scim: [],
  store: ['scim'],
  directory: ['scim', 'store'],
  server: ['scim', 'store'],
  provisioning: ['scim', 'store', 'directory'],
  http: ['scim', 'store', 'directory', 'server', 'provisioning'],
  cli: ['scim', 'store', 'directory', 'server', 'provisioning', 'http'],
};

/** Modules that must stay pure: no Node built-ins and no packages at all. */
export const PURE_MODULES: ReadonlySet<string> = new Set(['scim']);

export interface LayerViolation {
  readonly file: string;
  readonly specifier: string;
  readonly reason: string;
}

/** The module of a path relative to the repository root (`src/scim/filter/x.ts` → `scim`). */
export function moduleOf(file: string): string | undefined {
  const match = /^src\/([^/]+)\//.exec(file);
  return match?.[1];
}

function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** Tests and their fixtures (`*.test.ts`, `testing/`) may reach anything: they are not shipped. */
export function isTestCode(file: string): boolean {
  return /\.test(-d)?\.ts$/.test(file) || file.includes('/testing/');
}

/** Checks one import of `file` (repository-relative); returns why it breaks a rule, or undefined. */
export function checkImport(file: string, specifier: string): string | undefined {
  const from = moduleOf(file);
  if (from === undefined || from === 'index.ts' || isTestCode(file)) return undefined;
  if (!specifier.startsWith('.')) {
    if (PURE_MODULES.has(from)) {
      return `src/${from} is pure: it may not import "${specifier}"`;
    }
    return undefined;
  }
  const target = normalize([...file.split('/').slice(0, -1), ...specifier.split('/')]);
  const to = moduleOf(target);
  if (to === undefined) return `import leaves src/: "${specifier}"`;
  if (to === from) return undefined;
  const allowed = ALLOWED_IMPORTS[from];
  if (allowed === undefined) return `src/${from} is not a known module (add it to scripts/layer-rules.ts)`;
  if (!allowed.includes(to)) return `src/${from} may not depend on src/${to} (layers point down only)`;
  if (target !== `src/${to}/index.js`) {
    return `import src/${to} through its index.ts, not "${specifier}"`;
  }
  return undefined;
}

const IMPORT_PATTERN =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every import specifier in a source text. */
export function importSpecifiers(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(IMPORT_PATTERN)) {
    const specifier = match[1] ?? match[2];
    if (specifier !== undefined) specifiers.push(specifier);
  }
  return specifiers;
}
