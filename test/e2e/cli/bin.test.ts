import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = `${root}bin/scimsync.js`;

// The launcher runs dist/: build it from the current sources first.
beforeAll(async () => {
  await run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
}, 120_000);

describe('bin/scimsync.js (the installed command)', () => {
  it('answers --help and --version', async () => {
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('Usage: scimsync [options] [command]');
    const version = await run(process.execPath, [bin, '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('exits non-zero with a message on a bad filter', async () => {
    const failure = await run(process.execPath, [bin, 'scim', 'filter', '(userName eq "x"']).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('invalidFilter');
  });

  it('starts sync in a node with its startup V8 flags, passing on its output and exit code', async () => {
    // No such application: the relaunched CLI answers, and its exit code comes back through the launcher.
    const data = await mkdtemp(join(tmpdir(), 'scimsync-bin-sync-'));
    try {
      const failure = await run(process.execPath, [bin, 'sync', 'no-such-app', '--data', data], {
        env: { ...process.env, SCIMSYNC_SECRET_KEY: 'k'.repeat(43) },
      }).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('no-such-app');
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });
});
