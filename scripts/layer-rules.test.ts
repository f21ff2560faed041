import { describe, expect, it } from 'vitest';
import { checkImport, importSpecifiers } from './layer-rules.js';

describe('layer rules', () => {
  it('lets a module import itself and lower layers through their index', () => {
    expect(checkImport('src/scim/filter/filter-parser.ts', '../errors/scim-error.js')).toBeUndefined();
    expect(checkImport('src/store/sqlite/sqlite-store.ts', '../../scim/index.js')).toBeUndefined();
    expect(checkImport('src/cli/commands/scim.ts', '../../scim/index.js')).toBeUndefined();
  });

  it('rejects upward and sideways arrows', () => {
    expect(checkImport('src/scim/filter/x.ts', '../../store/index.js')).toMatch(
      /may not depend on src\/store/,
    );
    expect(checkImport('src/server/users/x.ts', '../../provisioning/index.js')).toMatch(/may not depend/);
  });

  it('rejects deep imports into another module', () => {
    expect(checkImport('src/cli/main.ts', '../scim/filter/filter-parser.js')).toMatch(
      /through its index\.ts/,
    );
  });

  it('keeps src/scim free of packages and Node built-ins', () => {
    expect(checkImport('src/scim/patch/apply-patch.ts', 'node:crypto')).toMatch(/is pure/);
    expect(checkImport('src/store/x.ts', 'kysely')).toBeUndefined();
  });

  it('lets tests and test fixtures reach anything', () => {
    expect(checkImport('src/scim/patch/testing/arbitraries.ts', 'fast-check')).toBeUndefined();
    expect(checkImport('src/cli/commands/scim.test.ts', '../../../test/support/run-cli.js')).toBeUndefined();
    expect(checkImport('src/scim/patch/apply-patch.ts', '../../../test/support/x.js')).toMatch(/leaves src/);
  });

  it('finds static, re-export and dynamic imports', () => {
    const source = `import { a } from './a.js';\nimport type { B } from "../b.js";\nexport * from './c.js';\nconst d = await import('./d.js');`;
    expect(importSpecifiers(source)).toEqual(['./a.js', '../b.js', './c.js', './d.js']);
  });
});
