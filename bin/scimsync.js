#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run by `npm ci` through `prepare`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = (path) => new URL(`../dist/cli/${path}`, import.meta.url);
if (!existsSync(fileURLToPath(dist('main.js')))) {
  process.stderr.write(
    'scimsync: dist/cli/main.js is missing; run `npm run build` (npm ci runs it through `prepare`).\n',
  );
  process.exit(1);
}

// Some commands want V8 flags that only act at startup (v8-flags.ts): node starts again with
// them, this process passing signals on and ending as the child ends.
const { startupFlagsToAdd } = await import(dist('v8-flags.js').href);
const args = process.argv.slice(2);
const flags = startupFlagsToAdd(args, process.execArgv, process.env.NODE_OPTIONS);
if (flags.length > 0) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...flags, fileURLToPath(import.meta.url), ...args],
    {
      stdio: 'inherit',
    },
  );
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const pass = (signal) => child.kill(signal);
  for (const signal of signals) process.on(signal, pass);
  child.once('error', (error) => {
    process.stderr.write(`scimsync: cannot start node: ${error.message}\n`);
    process.exit(1);
  });
  child.once('exit', (code, signal) => {
    for (const name of signals) process.off(name, pass);
    // Ended by a signal: end the same way, so a shell or supervisor sees what happened.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
} else {
  const { main } = await import(dist('main.js').href);
  process.exitCode = await main(process.argv);
}
