/**
 * The transpiled tree the children run from (plain JavaScript: tsx's loader would add ~30 MiB
 * to the engine's RSS) and a bounded runner for one-shot children that print one JSON line.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { transpileServers, type TranspiledTree } from '../scim-server/transpile-servers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OWN_FILES = ['population.ts', 'engine-worker.ts', 'baseline-worker.ts', 'cpu-profile-preload.ts'];
const run$ = promisify(execFile);

/** src/ (via the scim-server bench's transpiler) plus this suite's workers. */
export async function transpileTree(): Promise<TranspiledTree> {
  const tree = await transpileServers();
  try {
    for (const name of OWN_FILES) {
      const relative = `bench/provisioning/${name}`;
      const { outputText } = ts.transpileModule(await readFile(join(ROOT, relative), 'utf8'), {
        fileName: relative,
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
      });
      const target = tree.entry(relative);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }
  } catch (error) {
    await tree.remove();
    throw error;
  }
  return tree;
}

/** `node [...nodeArgs] file JSON(spec)`; the last stdout line is the result. Killed at the deadline. */
export async function runJsonChild<T>(
  file: string,
  spec: unknown,
  options: { timeoutMs: number; nodeArgs?: readonly string[] },
): Promise<T> {
  try {
    const { stdout } = await run$(
      process.execPath,
      [...(options.nodeArgs ?? []), file, JSON.stringify(spec)],
      { maxBuffer: 16 << 20, timeout: options.timeoutMs, killSignal: 'SIGKILL' },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as T;
  } catch (error) {
    const detail = error as { stderr?: string; killed?: boolean };
    const why = detail.killed === true ? `killed after ${options.timeoutMs} ms` : 'failed';
    throw new Error(`${file} ${why}\n${(detail.stderr ?? String(error)).slice(-4000)}`, { cause: error });
  }
}
