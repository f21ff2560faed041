import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scimsync-serve-e2e-'));
const data = join(dir, 'data');
const running = new Set<ChildProcess>();

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Sends SIGTERM; resolves to the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `scimsync serve` as a real process and waits for its "listening on" line. */
async function startServer(): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['SCIMSYNC_ADMIN_TOKEN'];
  delete env['SCIMSYNC_DATABASE_URL'];
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--host', '127.0.0.1', '--port', '0', '--data', data],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no "listening on" in 30 s:\n${stdout}\n${stderr}`)),
      30_000,
    );
    const check = () => {
      const match = /listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${String(code)}:\n${stdout}\n${stderr}`));
    });
  });
  return {
    child,
    url,
    output: () => stdout,
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      running.delete(child);
      return code;
    },
  };
}

describe('scimsync serve (a real process)', () => {
  it('serves SCIM for a tenant created with the CLI while it runs, and keeps the admin token', async () => {
    const first = await startServer();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const adminToken = /admin token \(shown once\): (\S+)\n/.exec(first.output())?.[1];
    expect(adminToken).toBeDefined();

    const created = await runCli(
      'tenant',
      'create',
      '--name',
      'E2E',
      '--json',
      '--data',
      data,
      '--public-url',
      first.url,
    );
    expect(created.stderr).toBe('');
    const tenant = JSON.parse(created.stdout) as { id: string; scimBaseUrl: string; apiKey: string };
    expect(tenant.scimBaseUrl).toBe(`${first.url}/scim/directory/${tenant.id}`);

    const users = await fetch(`${tenant.scimBaseUrl}/Users`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    expect(users.status).toBe(200);
    expect(users.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    expect(await users.json()).toMatchObject({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 0,
    });
    const denied = await fetch(`${tenant.scimBaseUrl}/Users`);
    expect(denied.status).toBe(401);

    const health = await fetch(`${first.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });

    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('SIGTERM: shutting down');

    const second = await startServer();
    try {
      expect(second.output()).toContain('admin token: exists');
      expect(second.output()).not.toContain('shown once');
      const tenants = await fetch(`${second.url}/api/tenants`, {
        headers: { authorization: `Bearer ${adminToken ?? ''}` },
      });
      expect(tenants.status).toBe(200);
      const body = (await tenants.json()) as { tenants: { id: string }[] };
      expect(body.tenants.map((t) => t.id)).toContain(tenant.id);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 90_000);
});
