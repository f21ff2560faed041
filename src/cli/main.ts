/** @module The `scimsync` command line: builds the program and runs it. */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerAppCommands } from './commands/app.js';
import { registerProvisioningCommands } from './commands/provisioning.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerDirectoryCommands } from './commands/directory.js';
import { registerScimCommands } from './commands/scim.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTenantCommands } from './commands/tenant.js';
import { CliError, type CliIo } from './io.js';
import { waitForProcessSignal } from './shutdown-signal.js';
import { VERSION } from './version.js';

export function createProgram(io: CliIo): Command {
  const program = new Command('scimsync')
    .description(
      'Self-hosted automatic user provisioning over SCIM 2.0: a provisioning engine and a SCIM service provider.',
    )
    .version(VERSION, '-V, --version')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();
  registerScimCommands(program, io);
  registerServeCommand(program, io);
  registerTenantCommands(program, io);
  registerDirectoryCommands(program, io);
  registerProvisioningCommands(registerAppCommands(program, io), io);
  registerSyncCommand(program, io);
  return program;
}

const processIo: CliIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
  waitForShutdown: waitForProcessSignal,
  ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
};

/** Runs the CLI with `argv` as `process.argv` has it; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError) {
      if (error.message !== '') io.err(`scimsync: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) process.exitCode = await main(process.argv);
