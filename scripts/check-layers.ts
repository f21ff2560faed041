/** Fails when an import under src/ breaks the layer rules of scripts/layer-rules.ts. */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkImport, importSpecifiers, type LayerViolation } from './layer-rules.js';

const root = join(import.meta.dirname, '..');

async function* sourceFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const violations: LayerViolation[] = [];
let files = 0;
for await (const path of sourceFiles(join(root, 'src'))) {
  files++;
  const file = relative(root, path);
  for (const specifier of importSpecifiers(await readFile(path, 'utf8'))) {
    const reason = checkImport(file, specifier);
    if (reason !== undefined) violations.push({ file, specifier, reason });
  }
}
for (const v of violations) process.stderr.write(`${v.file}: ${v.reason}\n`);
process.stdout.write(`layers: ${files} files checked, ${violations.length} violation(s)\n`);
process.exitCode = violations.length === 0 ? 0 : 1;
