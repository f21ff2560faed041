import { readFile } from 'node:fs/promises';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured output, as `scimsync ARGS...` would. */
export async function runCli(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'scimsync', ...args], {
    out: (text) => void (stdout += text),
    err: (text) => void (stderr += text),
    readFile: (path) => readFile(path, 'utf8'),
  });
  return { code, stdout, stderr };
}
