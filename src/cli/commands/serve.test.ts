import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';
import { SERVE_V8_FLAGS, serveV8Flags } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'scimsync-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `scimsync serve` in-process; `stop()` plays the part of SIGTERM. */
function serve(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  let onListening: (url: string) => void = () => undefined;
  const listening = new Promise<string>((resolve) => (onListening = resolve));
  const exit = main(['node', 'scimsync', 'serve', ...args], {
    out: (text) => {
      stdout += text;
      const match = /listening on (\S+)\n/.exec(stdout);
      if (match?.[1] !== undefined) onListening(match[1]);
    },
    err: (text) => void (stderr += text),
    readFile: (path) => readFile(path, 'utf8'),
    env,
    waitForShutdown: () => stopped,
  });
  return { exit, listening, stop, output: () => ({ stdout, stderr }) };
}

describe('scimsync serve (in-process)', () => {
  it('uses SCIMSYNC_ADMIN_TOKEN, serves the admin API and shuts down on request', async () => {
    const data = join(dir, 'configured');
    const args = ['--port', '0', '--data', data, '--public-url', 'https://scim.example.com'];
    const server = serve([...args, '--rate-limit', '1', '--rate-limit-burst', '2'], {
      SCIMSYNC_ADMIN_TOKEN: 'configured-admin-token',
    });
    const url = await Promise.race([server.listening, server.exit.then(() => '')]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.output().stdout).toContain('admin token: from SCIMSYNC_ADMIN_TOKEN');

    const created = await fetch(`${url}/api/tenants`, {
      method: 'POST',
      headers: { authorization: 'Bearer configured-admin-token', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Via API' }),
    });
    expect(created.status).toBe(201);
    const tenant = (await created.json()) as { id: string; scimBaseUrl: string };
    expect(tenant.scimBaseUrl).toBe(`https://scim.example.com/scim/directory/${tenant.id}`);

    // The per-tenant rate limit applies to SCIM routes only, not to the admin API.
    const key = await fetch(`${url}/api/tenants/${tenant.id}/keys`, {
      method: 'POST',
      headers: { authorization: 'Bearer configured-admin-token', 'content-type': 'application/json' },
      body: '{}',
    });
    const { token } = (await key.json()) as { token: string };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/scim/directory/${tenant.id}/Users`, {
        headers: { authorization: `Bearer ${token}` },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 429]);

    server.stop('SIGINT');
    expect(await server.exit).toBe(0);
    expect(server.output().stdout).toContain('SIGINT: shutting down');
  });

  it('reports a port that is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const server = serve(['--port', String(port), '--data', join(dir, 'taken')]);
      expect(await server.exit).toBe(1);
      expect(server.output().stderr).toMatch(
        new RegExp(`^scimsync: cannot listen on 127\\.0\\.0\\.1:${port}: `),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it.each([
    [['--port', '70000'], "option '--port <port>' argument '70000' is invalid. expected a port"],
    [['--log-level', 'loud'], 'unknown log level "loud"'],
    [['--public-url', 'not a url'], '--public-url must be an absolute http(s) URL'],
    [['--rate-limit', '0'], "option '--rate-limit <rps>' argument '0' is invalid"],
    [['--rate-limit-burst', '5'], '--rate-limit-burst needs --rate-limit'],
  ])('refuses %j', async (args, message) => {
    const server = serve([...args, '--data', join(dir, 'bad')]);
    expect(await server.exit).toBe(1);
    expect(server.output().stderr).toContain(message);
  });
});

describe('serveV8Flags', () => {
  it('sets its GC flags unless the operator gave node the same flag, in any spelling', () => {
    expect(serveV8Flags([], undefined)).toEqual([...SERVE_V8_FLAGS]);
    expect(serveV8Flags(['--max-old-space-size=512'], '--enable-source-maps')).toEqual([...SERVE_V8_FLAGS]);
    expect(serveV8Flags(['--heap-growing-percent=20'], undefined)).toEqual([]);
    expect(serveV8Flags([], '--trace-gc  --heap_growing_percent=100')).toEqual([]);
    expect(serveV8Flags(['--no-heap-growing-percent'], undefined)).toEqual([]);
  });
});
