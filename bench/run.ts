/** `npm run bench [-- SUITE...]`: runs the named benchmark suites (default: all) and prints their tables. */
const SUITES: Record<string, () => Promise<{ run: () => Promise<void> | void }>> = {
  'scim-core': () => import('./scim-core/scim-core.bench.js'),
  directory: () => import('./directory/directory.bench.js'),
  'scim-server': () => import('./scim-server/scim-server.bench.js'),
  provisioning: () => import('./provisioning/provisioning.bench.js'),
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(SUITES);
for (const name of names) {
  const load = SUITES[name];
  if (load === undefined) {
    process.stderr.write(`unknown benchmark suite "${name}" (known: ${Object.keys(SUITES).join(', ')})\n`);
    process.exit(2);
  }
  process.stdout.write(`\n## ${name}\n\n`);
  await (await load()).run();
}
