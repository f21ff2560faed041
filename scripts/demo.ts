/**
 * `npm run demo`: the SCIM service provider end to end on the embedded SQLite default. Starts
 * `scimsync serve` on a loopback port with a fresh data directory, creates a tenant with the CLI,
 * then plays an identity provider: creates users and a group, adds members, filters, disables a
 * user — printing each request and the answer. Then the other side: a directory with an app whose
 * provisioning job targets a second tenant of the same server (Atlassian profile), synced with the
 * CLI: an initial cycle, a change and a removal, a cycle with nothing to do. Stops the server when done.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const bin = join(import.meta.dirname, '..', 'bin', 'scimsync.js');
const dataDir = mkdtempSync(join(tmpdir(), 'scimsync-demo-'));
const server = spawn(process.execPath, [bin, 'serve', '--data', dataDir, '--port', '0'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});

function stop(): void {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

async function listening(): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

async function main(): Promise<void> {
  const origin = await listening();
  console.log(`scimsync serve is listening on ${origin} (SQLite in ${dataDir})\n`);
  const { stdout } = await promisify(execFile)(process.execPath, [
    bin,
    'tenant',
    'create',
    '--name',
    'Demo Org',
    '--verified-domain',
    'example.com',
    '--data',
    dataDir,
    '--public-url',
    origin,
    '--json',
  ]);
  const tenant = JSON.parse(stdout) as { scimBaseUrl: string; apiKey: string };
  console.log(`$ scimsync tenant create --name "Demo Org" --verified-domain example.com --json\n${stdout}`);

  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${tenant.scimBaseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    console.log(`${method} ${decodeURIComponent(path)} → ${response.status}`);
    const json = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    if (text !== '') console.log(`  ${JSON.stringify(json).slice(0, 300)}${text.length > 300 ? '…' : ''}`);
    return json;
  };

  const user = (userName: string, given: string, family: string) => ({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: given, familyName: family },
    emails: [{ type: 'work', value: userName, primary: true }],
    active: true,
  });
  const barbara = await call('POST', '/Users', user('bjensen@example.com', 'Barbara', 'Jensen'));
  const john = await call('POST', '/Users', user('jsmith@example.com', 'John', 'Smith'));
  await call('POST', '/Users', user('mallory@elsewhere.test', 'Mallory', 'Outsider'));
  await call('POST', '/Users', user('BJensen@example.com', 'Duplicate', 'Jensen'));
  const group = await call('POST', '/Groups', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    displayName: 'Engineering',
  });
  await call('PATCH', `/Groups/${String(group['id'])}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Add', path: 'members', value: [{ value: barbara['id'] }, { value: john['id'] }] }],
  });
  await call(
    'GET',
    `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "JSMITH@example.com"')}&attributes=userName,groups`,
  );
  await call('PATCH', `/Users/${String(john['id'])}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  });
  await call('GET', `/Users?filter=${encodeURIComponent('active eq false')}&attributes=userName,active`);
  await call(
    'GET',
    `/Groups?filter=${encodeURIComponent('displayName eq "Engineering"')}&excludedAttributes=members`,
  );
  await provisioningAct(origin);
  console.log('\ndemo finished; the server is stopped and its data removed.');
}

/** Act two: the other side. The directory provisions an app; the same server plays the SaaS app. */
async function provisioningAct(origin: string): Promise<void> {
  const cli = async (...args: string[]): Promise<string> => {
    const shown = args.map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, ...args, '--data', dataDir]);
    console.log(`$ scimsync ${shown.replace(/scimsync_\w+/, 'scimsync_…')}\n${stdout}`);
    return stdout;
  };
  console.log('\n--- provisioning: the directory keeps an Atlassian-style app in step ---\n');
  const app = JSON.parse(
    (
      await promisify(execFile)(process.execPath, [
        bin,
        'tenant',
        'create',
        '--name',
        'Atlassian-style app',
        '--verified-domain',
        'contoso.com',
        '--data',
        dataDir,
        '--public-url',
        origin,
        '--json',
      ])
    ).stdout,
  ) as { scimBaseUrl: string; apiKey: string };
  const file = join(dataDir, 'directory.json');
  writeFileSync(
    file,
    JSON.stringify({
      users: [
        {
          userPrincipalName: 'ada@contoso.com',
          mail: 'ada@contoso.com',
          givenName: 'Ada',
          surname: 'Lovelace',
        },
        {
          userPrincipalName: 'alan@contoso.com',
          mail: 'alan@contoso.com',
          givenName: 'Alan',
          surname: 'Turing',
        },
        {
          userPrincipalName: 'grace@contoso.com',
          mail: 'grace@contoso.com',
          givenName: 'Grace',
          surname: 'Hopper',
        },
      ],
      groups: [{ displayName: 'Engineering', members: ['ada@contoso.com', 'alan@contoso.com'] }],
    }),
  );
  await cli('directory', 'import', file);
  await cli('app', 'create', '--name', 'Atlassian');
  await cli('app', 'assign', 'Atlassian', '--group', 'Engineering');
  await cli(
    'app',
    'provisioning',
    'set',
    'Atlassian',
    '--scim-url',
    app.scimBaseUrl,
    '--token',
    app.apiKey,
    '--profile',
    'atlassian-cloud',
    '--on',
  );
  await cli('app', 'test-connection', 'Atlassian');
  await cli('sync', 'Atlassian');
  await cli('directory', 'user', 'set', 'ada@contoso.com', '--surname', 'King');
  await cli('directory', 'group', 'remove-member', 'Engineering', 'alan@contoso.com');
  await cli('sync', 'Atlassian');
  await cli('sync', 'Atlassian', '--json');
  const response = await fetch(`${app.scimBaseUrl}/Users?attributes=userName,name,active`, {
    headers: { authorization: `Bearer ${app.apiKey}` },
  });
  console.log(`what the app holds now: GET /Users → ${response.status}\n  ${await response.text()}`);
}

try {
  await main();
} finally {
  stop();
}
