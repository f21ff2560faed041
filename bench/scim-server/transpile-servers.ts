/**
 * Servers under test run as plain JavaScript, not through tsx: tsx's loader thread alone adds
 * about 30 MiB of RSS, which would distort the memory goal. This transpiles src/ and the bench
 * servers (TypeScript's transpileModule, no type check, a second or two) into a temporary tree
 * that shares the repository's node_modules.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_SERVERS = ['bench/scim-server/bare-node-server.ts', 'bench/scim-server/scimmy-server.ts'];

export interface TranspiledTree {
  /** Absolute path of the JavaScript for a repository-relative `.ts` path. */
  entry(path: string): string;
  remove(): Promise<void>;
}

async function* typescriptFiles(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'testing') yield* typescriptFiles(path);
    else if (entry.isFile() && entry.name.endsWith('.ts') && !/\.(test|test-d|cases)\.ts$/.test(entry.name))
      yield path;
  }
}

export async function transpileServers(): Promise<TranspiledTree> {
  const out = await mkdtemp(join(tmpdir(), 'scimsync-bench-js-'));
  try {
    const files = [...BENCH_SERVERS.map((f) => join(ROOT, f))];
    for await (const file of typescriptFiles(join(ROOT, 'src'))) files.push(file);
    for (const file of files) {
      const { outputText } = ts.transpileModule(await readFile(file, 'utf8'), {
        fileName: file,
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
      });
      const target = join(out, relative(ROOT, file)).replace(/\.ts$/, '.js');
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
    await cp(join(ROOT, 'package.json'), join(out, 'package.json'));
    await symlink(join(ROOT, 'node_modules'), join(out, 'node_modules'), 'dir');
  } catch (error) {
    await rm(out, { recursive: true, force: true });
    throw error;
  }
  return {
    entry: (path) => join(out, path.replace(/\.ts$/, '.js')),
    remove: () => rm(out, { recursive: true, force: true }),
  };
}
